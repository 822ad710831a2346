import type { Db } from '../database.js';
import { assertYearOpen } from '../report/year-seal.js';
import { Prisma } from '../../generated/prisma/client.js';
import { decideClick, type AttendanceStatus, type ClickOutcome, type ClickWish } from '../../domain/study/attendance.js';

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';

async function currentStatus(db: Db, sessionId: number, openId: string): Promise<AttendanceStatus | undefined> {
  const row = await db.studyAttendance.findUnique({ where: { sessionId_openId: { sessionId, openId } }, select: { status: true } });
  return (row?.status as AttendanceStatus | undefined) ?? undefined;
}

/** A sealed year's attendance is part of its figures (/总结 <年> 定稿). */
async function assertSessionYearOpen(db: Db, sessionId: number): Promise<void> {
  const { heldDate } = await db.studySession.findUniqueOrThrow({ where: { id: sessionId }, select: { heldDate: true } });
  await assertYearOpen(db, Number(heldDate.slice(0, 4)), '更改会前学法的签到、请假或补签');
}

/** Stores a first record; false when the person already has one (the unique key says so). */
async function createFirst(db: Db, click: { sessionId: number; openId: string; wish: ClickWish }): Promise<boolean> {
  const reason = click.wish.status === 'leave' ? click.wish.reason : null;
  try {
    await db.studyAttendance.create({ data: { sessionId: click.sessionId, openId: click.openId, status: click.wish.status, reason, recordedBy: click.openId } });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

/**
 * Stores one person's 签到 or 请假, once: the unique (session, person) key decides a race
 * between two clicks of the same person, and the loser is told nothing changed.
 */
export async function recordClick(db: Db, click: { sessionId: number; openId: string; wish: ClickWish }): Promise<ClickOutcome> {
  const { sessionId, openId, wish } = click;
  await assertSessionYearOpen(db, sessionId);
  // Most clicks are a person's first 签到: store it straight away, read only when that fails.
  if (wish.status === 'present' && (await createFirst(db, click))) return { kind: 'record' };
  const outcome = decideClick(await currentStatus(db, sessionId, openId), wish);
  if (outcome.kind === 'record') return (await createFirst(db, click)) ? outcome : recordClick(db, click);
  if (outcome.kind === 'switch') {
    const before = await db.studyAttendance.findUniqueOrThrow({ where: { sessionId_openId: { sessionId, openId } } });
    // Only if nobody changed it meanwhile: a concurrent identical switch then reads "unchanged".
    const { count } = await db.studyAttendance.updateMany({
      where: { id: before.id, status: outcome.from },
      // The person now signs in themselves: no longer a 补签 (the admin's entry stays in the audit log).
      data: { status: wish.status, reason: null, makeup: false, note: null, recordedBy: openId },
    });
    if (count === 0) return recordClick(db, click);
    await db.auditLog.create({
      data: { actor: openId, action: 'study.leave_to_present', subject: `study:${sessionId}`, detail: JSON.stringify({ reason: before.reason }) },
    });
  }
  return outcome;
}

/**
 * 补签 by an admin: sets the person's record (none, or 缺席, or the other status), marked
 * as recorded afterwards with the admin's note. A record already in that status is kept.
 */
export async function recordMakeup(
  db: Db,
  click: { sessionId: number; openId: string; status: 'present' | 'leave'; note: string; recordedBy: string },
): Promise<{ previous: AttendanceStatus | undefined; changed: boolean }> {
  const previous = await currentStatus(db, click.sessionId, click.openId);
  if (previous === click.status) return { previous, changed: false };
  await assertSessionYearOpen(db, click.sessionId);
  const data = { status: click.status, reason: click.status === 'leave' ? click.note : null, makeup: true, note: click.note, recordedBy: click.recordedBy };
  await db.studyAttendance.upsert({
    where: { sessionId_openId: { sessionId: click.sessionId, openId: click.openId } },
    create: { sessionId: click.sessionId, openId: click.openId, ...data },
    update: data,
  });
  await db.auditLog.create({
    data: { actor: click.recordedBy, action: 'study.makeup', subject: `study:${click.sessionId}`, detail: JSON.stringify({ openId: click.openId, status: click.status, previous, note: click.note }) },
  });
  return { previous, changed: true };
}
