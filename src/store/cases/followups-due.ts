import { FOLLOWUP_LOOKBACK_DAYS } from '../../domain/cases/followup.js';
import type { FollowupDue } from '../../domain/reminders/followup-reminders.js';
import { addDays } from '../../domain/dates/days.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../database.js';

export type { FollowupDue } from '../../domain/reminders/followup-reminders.js';
import { IMPORT_ACTOR } from '../report/import-ledger.js';

/**
 * Resolved cases without a 回访 of their current resolution, resolved from `today` minus
 * FOLLOWUP_LOOKBACK_DAYS up to `resolvedBy` (inclusive), oldest first; `ownerId` narrows them to
 * one owner. Resolutions the bot did not see (an imported ledger, the demo year) are not chased.
 * Raw SQL: Prisma cannot say 「no 回访 of *this* resolution」 (a column compared with the parent's);
 * the statement is portable (quoted aliases, no dialect functions).
 */
export async function listFollowupsDue(db: Db, o: { today: string; resolvedBy: string; ownerId?: string }): Promise<FollowupDue[]> {
  const since = addDays(o.today, -FOLLOWUP_LOOKBACK_DAYS);
  const owner = o.ownerId ? Prisma.sql`AND COALESCE(c.assignee_id, c.reporter_id) = ${o.ownerId}` : Prisma.empty;
  return db.$queryRaw<FollowupDue[]>`
    SELECT c.code AS "code", e.name AS "enterprise", c.category AS "category", c.resolved_date AS "resolvedDate",
           COALESCE(c.assignee_id, c.reporter_id) AS "ownerId"
    FROM enterprise_cases c JOIN enterprises e ON e.id = c.enterprise_id
    WHERE c.status = 'resolved' AND c.resolved_date >= ${since} AND c.resolved_date <= ${o.resolvedBy}
      AND c.source <> 'demo' AND (c.resolved_by IS NULL OR c.resolved_by <> ${IMPORT_ACTOR}) ${owner}
      AND NOT EXISTS (SELECT 1 FROM case_followups f WHERE f.case_id = c.id AND f.resolution_no = c.resolution_no)
    ORDER BY c.resolved_date, c.code`;
}
