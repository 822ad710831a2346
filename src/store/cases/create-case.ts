import { Prisma } from '../../generated/prisma/client.js';
import type { Category } from '../../domain/cases/categories.js';
import { formatCaseCode, MAX_SEQ } from '../../domain/cases/case-code.js';
import { deadlineFor, provisionalNote } from '../../domain/deadlines/deadline-table.js';
import { AppError } from '../../errors.js';
import type { Db } from '../database.js';
import { busyPause, isBusyError } from '../busy-error.js';
import { withHistory, type CaseWithHistory } from './case-types.js';
import { findOrCreateEnterprise } from './enterprises.js';
import { insertNotices, type Notice } from '../outbox-rows.js';

export interface NewCase {
  enterprise: string;
  category: Category;
  content: string;
  /** 'YYYY-MM-DD' in BOT_TIMEZONE; its year is the code's year. */
  receivedDate: string;
  department?: string;
  reporterId: string;
  /** The report card's message id: one card stores at most one case. */
  sourceKey?: string;
  source?: 'chat' | 'import' | 'demo';
  chatId?: string;
  /** Instant of registration (history time); defaults to now. */
  at?: Date;
  /** Rows that tell about the new case (its Base record), stored in its transaction. */
  notices?: (created: { code: string }) => Notice[];
}

/** Another replica took the same (year, seq) or held the write lock: try again (about 30 s in all). */
const MAX_ATTEMPTS = 30;

/**
 * Stores a case with the next code of its year, its deadline and a 'created' history row,
 * in one write transaction, and returns it with enterprise and history. `created` is false
 * when a case with the same `sourceKey` already exists: that case is returned and nothing
 * is stored.
 *
 * Codes have no gaps or duplicates: max(seq)+1 and the insert happen in one transaction that
 * holds the year's lock (PostgreSQL: an advisory lock; SQLite: the write lock its transactions
 * begin with), and the unique (year, seq) index turns any remaining race with another process
 * into a retry. The same function on both databases.
 */
export async function createCase(db: Db, input: NewCase): Promise<{ case: CaseWithHistory; created: boolean }> {
  const year = Number(input.receivedDate.slice(0, 4));
  const due = deadlineFor(input.category, input.receivedDate);
  const note = due.provisional ? `办理期限${due.deadline}：${provisionalNote(due.uncoveredYear)}` : `办理期限${due.deadline}（${due.days}个工作日）`;
  for (let attempt = 1; ; attempt++) {
    try {
      const stored = await db.$transaction(async (tx) => {
        const enterprise = await findOrCreateEnterprise(tx, input.enterprise);
        // Other writers of this year's codes wait here until this transaction ends (PostgreSQL
        // replicas; SQLite has one writer): taken as late as possible, so it is held briefly.
        await db.sql.lockCaseYear(tx, year);
        const max = await tx.enterpriseCase.aggregate({ where: { year }, _max: { seq: true } });
        const seq = (max._max.seq ?? 0) + 1;
        if (seq > MAX_SEQ) throw new AppError('conflict', `${year}年诉求编号已用尽（最多${MAX_SEQ}件），请联系管理员`);
        const at = input.at ?? new Date();
        const stored = await tx.enterpriseCase.create({
          data: {
            code: formatCaseCode(year, seq),
            year,
            seq,
            enterpriseId: enterprise.id,
            category: input.category,
            content: input.content,
            department: input.department ?? null,
            receivedDate: input.receivedDate,
            deadlineDays: due.days,
            originalDeadline: due.deadline,
            deadline: due.deadline,
            deadlineProvisional: due.provisional,
            reporterId: input.reporterId,
            sourceKey: input.sourceKey ?? null,
            source: input.source ?? 'chat',
            chatId: input.chatId ?? null,
            createdAt: at,
          },
        });
        const created = await tx.caseEvent.create({
          data: {
            caseId: stored.id,
            at,
            actorId: input.reporterId,
            kind: 'created',
            toStatus: 'registered',
            note,
          },
        });
        if (input.notices) await insertNotices(tx, input.notices(stored), at);
        // Built from what was just written: a nested create with include costs three more queries.
        return { ...stored, enterprise, history: [created], followups: [] };
      });
      return { case: stored, created: true };
    } catch (e) {
      // A unique conflict is either the same card stored by a concurrent submit, or the
      // same (year, seq) taken by another writer.
      if (input.sourceKey && isUniqueConflict(e)) {
        const existing = await db.enterpriseCase.findUnique({ where: { sourceKey: input.sourceKey }, include: withHistory });
        if (existing) return { case: existing, created: false };
      }
      if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) throw e;
      if (isBusyError(e)) await busyPause(attempt);
    }
  }
}

function isUniqueConflict(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}

function isRetryable(e: unknown): boolean {
  return isUniqueConflict(e) || isBusyError(e);
}
