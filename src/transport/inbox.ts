import { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../store/database.js';

export interface InboxRow {
  id: number;
  eventId: string;
  type: string;
  payload: string;
  attempts: number;
}

/**
 * Stores an accepted event. Returns false when its event_id is already stored (a
 * redelivery), so the caller does nothing more. `claimed` stores it as being handled
 * right now (card callbacks, answered inline) instead of waiting for the worker.
 */
export async function recordEvent(
  db: Db,
  e: { eventId: string; type: string; payload: string; claimed?: { leaseUntil: Date } },
): Promise<InboxRow | undefined> {
  try {
    return await db.inboxEvent.create({
      data: {
        eventId: e.eventId,
        type: e.type,
        payload: e.payload,
        ...(e.claimed ? { status: 'processing', attempts: 1, leaseUntil: e.claimed.leaseUntil } : {}),
      },
      select: { id: true, eventId: true, type: true, payload: true, attempts: true },
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return undefined;
    throw err;
  }
}

/** The answer stored for an event (card callbacks), for a redelivery to get the same answer. */
export async function storedResponse(db: Db, eventId: string): Promise<string | null> {
  const row = await db.inboxEvent.findUnique({ where: { eventId }, select: { response: true } });
  return row?.response ?? null;
}

const due = (now: Date) => ({ OR: [{ status: 'pending' }, { status: 'processing', leaseUntil: { lt: now } }] });

export async function findDue(db: Db, now: Date, take: number): Promise<InboxRow[]> {
  return db.inboxEvent.findMany({
    where: due(now),
    orderBy: { id: 'asc' },
    take,
    select: { id: true, eventId: true, type: true, payload: true, attempts: true },
  });
}

/** Takes a row for handling; false when another worker has it. */
export async function claim(db: Db, id: number, now: Date, leaseMs: number): Promise<boolean> {
  const { count } = await db.inboxEvent.updateMany({
    where: { id, ...due(now) },
    data: { status: 'processing', leaseUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
  });
  return count === 1;
}

export async function complete(db: Db, id: number, now: Date, response?: string): Promise<void> {
  await db.inboxEvent.update({
    where: { id },
    data: { status: 'done', processedAt: now, leaseUntil: null, lastError: null, ...(response !== undefined ? { response } : {}) },
  });
}

/** Records a failure: back to pending for another try, or failed for good. */
export async function fail(db: Db, id: number, error: string, final: boolean): Promise<void> {
  await db.inboxEvent.update({
    where: { id },
    data: { status: final ? 'failed' : 'pending', leaseUntil: null, lastError: error.slice(0, 1000) },
  });
}
