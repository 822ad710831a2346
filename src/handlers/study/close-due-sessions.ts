import type { Directory } from '../../bot/people.js';
import { enqueue } from '../../bot/outbox-request.js';
import { stableUuid } from '../../bot/stable-uuid.js';
import { dayIn } from '../../domain/dates/days.js';
import type { Logger } from '../../logger.js';
import { studySessionCard } from '../../presentation/cards/study-session-card.js';
import type { Db } from '../../store/database.js';
import { openSessionsBefore } from '../../store/study/sessions.js';
import { closeStudySession } from './close-study-session.js';
import { loadSessionView } from './session-view.js';
import { cardMessageIdOf } from './study-card.js';

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
export async function closeDueSessions(db: Db, options: CloseDueOptions, now: Date): Promise<CloseDueResult> {
  const today = dayIn(now, options.timeZone);
  const due = await openSessionsBefore(db, today);
  const result: CloseDueResult = { closed: [], failed: [] };
  for (const session of due) {
    try {
      const { closed, absent } = await closeStudySession(db, options.directory, session, now);
      if (!closed) continue;
      const messageId = await cardMessageIdOf(db, session);
      if (messageId) {
        const view = await loadSessionView(db, options.directory, session.id, now);
        await enqueue(db, { kind: 'patch', messageId, card: studySessionCard(view, options.timeZone), uuid: stableUuid(`study-close:${session.id}`) });
      }
      result.closed.push({ sessionId: session.id, absent, cardPatched: Boolean(messageId) });
    } catch (e) {
      options.log?.warn({ sessionId: session.id, err: (e as Error).message }, 'study session not closed');
      result.failed.push({ sessionId: session.id, error: (e as Error).message });
    }
  }
  if (result.closed.some((c) => c.cardPatched)) options.notifyOutbox?.();
  return result;
}
