import { Prisma } from '../generated/prisma/client.js';
import type { Db } from './database.js';

export interface ClaimRequest {
  jobId: string;
  periodKey: string;
  scheduledAt: Date;
  owner: string;
  now: Date;
  leaseMs: number;
  /** A failed run is tried again while it has had fewer attempts than this. */
  maxAttempts: number;
}

/**
 * Claims one firing before it runs ('claimed'), or tells that another instance runs it
 * ('held') or that nothing is left to do ('settled': done, or failed with no attempts left). The unique (job_id, period_key) lets exactly one
 * claimant insert the row; a claim is taken over only when its holder's lease ran out
 * (the holder died) or its run failed with attempts left. Each step is one statement, so
 * replicas on one SQLite file never hold a lock across an await.
 */
export async function claimJobRun(db: Db, r: ClaimRequest): Promise<'claimed' | 'held' | 'settled'> {
  const leaseUntil = new Date(r.now.getTime() + r.leaseMs);
  try {
    await db.jobRun.create({
      data: { jobId: r.jobId, periodKey: r.periodKey, scheduledAt: r.scheduledAt, status: 'running', owner: r.owner, leaseUntil, startedAt: r.now },
    });
    return 'claimed';
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const { count } = await db.jobRun.updateMany({
    where: {
      jobId: r.jobId,
      periodKey: r.periodKey,
      OR: [
        { status: 'running', leaseUntil: { lt: r.now } },
        { status: 'failed', attempts: { lt: r.maxAttempts } },
      ],
    },
    data: { status: 'running', owner: r.owner, leaseUntil, startedAt: r.now, finishedAt: null, attempts: { increment: 1 } },
  });
  if (count === 1) return 'claimed';
  const row = await db.jobRun.findUnique({ where: { jobId_periodKey: { jobId: r.jobId, periodKey: r.periodKey } }, select: { status: true } });
  return row?.status === 'running' ? 'held' : 'settled';
}

/** Records how a claimed run ended; a claim taken over by another owner is left alone. */
export async function finishJobRun(
  db: Db,
  r: { jobId: string; periodKey: string; owner: string; now: Date; status: 'done' | 'failed'; outcome: string | null },
): Promise<void> {
  await db.jobRun.updateMany({
    where: { jobId: r.jobId, periodKey: r.periodKey, owner: r.owner },
    data: { status: r.status, finishedAt: r.now, outcome: r.outcome },
  });
}

/** The instant since which this database has had a scheduler: periods before it were never missed. */
export async function schedulerSince(db: Db, now: Date): Promise<Date> {
  const key = 'scheduler.since';
  // Create-or-read in single statements (an upsert may open a transaction).
  try {
    await db.setting.create({ data: { key, value: now.toISOString(), updatedBy: 'scheduler' } });
    return now;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  return new Date((await db.setting.findUniqueOrThrow({ where: { key } })).value);
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}
