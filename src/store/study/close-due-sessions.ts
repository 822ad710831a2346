import type { Db } from '../database.js';
import type { Directory } from '../../handlers/types.js';
import type { Logger } from '../../logger.js';
import { dayIn } from '../../domain/dates/days.js';
import { enqueue, stableUuid } from '../../transport/outbox.js';
import { studySessionCard } from '../../presentation/cards/study-session-card.js';
import { closeStudySession } from './close-session.js';
import { cardMessageIdOf } from './sessions.js';
import { loadSessionView } from './session-view.js';

export interface CloseDueOptions {
  directory: Directory;
  /** BOT_TIMEZONE: a session's day ends at midnight there. */
  timeZone: string;
  /** Wakes the outbox so the closed cards are patched at once. */
  notifyOutbox?: () => void;
  log?: Logger;
}

export interface CloseDueResult {
  closed: Array<{ sessionId: number; absent: number; cardPatched: boolean }>;
  /** Sessions left open because the chat's member list could not be read; tried again next run. */
  failed: Array<{ sessionId: number; error: string }>;
}

/**
 * Closes every session still open whose day (in `timeZone`) has ended before `now`,
 * snapshots its absentees and patches its card to the closed state. Safe to run often
 * and after downtime: closed sessions are skipped, a card patch has a stable uuid.
 */
export async function closeDueSessions(db: Db, o: CloseDueOptions, now: Date): Promise<CloseDueResult> {
  const today = dayIn(now, o.timeZone);
  const due = await db.studySession.findMany({ where: { closedAt: null, heldDate: { lt: today } }, orderBy: { id: 'asc' } });
  const result: CloseDueResult = { closed: [], failed: [] };
  for (const session of due) {
    try {
      const { closed, absent } = await closeStudySession(db, o.directory, session, now);
      if (!closed) continue;
      const messageId = await cardMessageIdOf(db, session);
      if (messageId) {
        const view = await loadSessionView(db, o.directory, session.id, now);
        await enqueue(db, { kind: 'patch', messageId, card: studySessionCard(view, o.timeZone), uuid: stableUuid(`study-close:${session.id}`) });
      }
      result.closed.push({ sessionId: session.id, absent, cardPatched: Boolean(messageId) });
    } catch (e) {
      o.log?.warn({ sessionId: session.id, err: (e as Error).message }, 'study session not closed');
      result.failed.push({ sessionId: session.id, error: (e as Error).message });
    }
  }
  if (result.closed.some((c) => c.cardPatched)) o.notifyOutbox?.();
  return result;
}
