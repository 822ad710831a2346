import { Prisma } from '../../generated/prisma/client.js';
import { followupNote } from '../../domain/cases/followup.js';
import type { ImportCase, RowError } from '../../domain/report/ledger-import.js';
import { findOrCreateEnterprise } from '../cases/enterprises.js';
import type { Db } from '../database.js';
import { insertNotices, type Notice } from '../outbox-rows.js';
import { assertYearOpen } from './year-seal.js';

export const IMPORT_ACTOR = 'ledger-import';

/**
 * Bound parameters one statement may carry: SQLite's historical limit (999) is the smallest of
 * the databases the bot runs on, and Prisma refuses a query above it (P2029).
 */
const MAX_PARAMS = 999;
/** Columns written per case and per history row (a multi-row INSERT binds each one). */
const CASE_COLUMNS = 18;
const EVENT_COLUMNS = 6;
/** Columns of a 回访 row, and of its history row (7): the larger decides the chunk. */
const FOLLOWUP_COLUMNS = 9;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Codes (and year/sequence pairs) already in the store: such rows are refused, never overwritten. */
async function conflicts(db: Db, cases: ImportCase[]): Promise<RowError[]> {
  // By year, not by code: a year holds at most 9,999 codes, and one query needs two parameters.
  const years = [...new Set(cases.map((c) => c.year))];
  const existing = await db.enterpriseCase.findMany({ where: { year: { in: years } }, select: { code: true, year: true, seq: true } });
  const byCode = new Map(existing.map((e) => [e.code, e.code]));
  const bySeq = new Map(existing.map((e) => [`${e.year}-${e.seq}`, e.code]));
  const errors: RowError[] = [];
  for (const c of cases) {
    const hit = byCode.get(c.code) ?? bySeq.get(`${c.year}-${c.seq}`);
    if (hit) errors.push({ line: c.line, message: `编号 ${c.code} 已存在（台账中已有 ${hit}），未导入` });
  }
  return errors;
}

/**
 * Stores every case of a validated ledger in one transaction, or none: a code already in the
 * store is reported as a bad row and nothing is written. Rows go in multi-row inserts sized to
 * the parameter limit, so a full year (9,999 cases) imports in seconds.
 */
export async function importLedger(db: Db, cases: ImportCase[], o: { notices?: (codes: string[]) => Notice[] } = {}): Promise<{ imported: number; errors: RowError[] }> {
  for (const year of new Set(cases.map((c) => c.year))) await assertYearOpen(db, year, `导入${year}年的台账`);
  const errors = await conflicts(db, cases);
  if (errors.length) return { imported: 0, errors };
  await db.$transaction(
    async (tx) => {
      const firms = new Map<string, number>();
      // The same firm rules as cases registered in chat (「华为」 and 「华为技术有限公司」 are one).
      for (const c of cases) if (!firms.has(c.enterprise)) firms.set(c.enterprise, (await findOrCreateEnterprise(tx, c.enterprise)).id);
      // Plain multi-row INSERTs: Prisma's createMany spends about a second per 50 rows here.
      const now = new Date();
      for (const part of chunks(cases, Math.floor(MAX_PARAMS / CASE_COLUMNS))) {
        const rows = part.map((c) => {
          const status = c.resolvedDate ? 'resolved' : 'in_progress';
          return Prisma.sql`(${c.code}, ${c.year}, ${c.seq}, ${firms.get(c.enterprise)!}, ${c.category}, ${c.content ?? '（台账导入）'}, ${c.department},
            ${c.receivedDate}, ${c.ruleDays ?? 0}, ${c.deadline}, ${c.deadline}, ${status}, ${IMPORT_ACTOR}, ${c.resolvedDate},
            ${c.resolvedDate ? IMPORT_ACTOR : null}, ${'import'}, ${now}, ${now})`;
        });
        await tx.$executeRaw`INSERT INTO enterprise_cases (code, year, seq, enterprise_id, category, content, department, received_date,
          deadline_days, original_deadline, deadline, status, reporter_id, resolved_date, resolved_by, source, created_at, updated_at)
          VALUES ${Prisma.join(rows)}`;
      }
      const years = [...new Set(cases.map((c) => c.year))];
      const stored = await tx.enterpriseCase.findMany({ where: { year: { in: years }, source: 'import' }, select: { id: true, code: true, status: true } });
      const byCode = new Map(stored.map((s) => [s.code, s]));
      for (const part of chunks(cases, Math.floor(MAX_PARAMS / EVENT_COLUMNS))) {
        const rows = part.map((c) => {
          const s = byCode.get(c.code)!;
          const note = c.ruleDays !== null ? `台账导入；办理期限按类别时限（${c.ruleDays}个工作日）计算` : '台账导入';
          return Prisma.sql`(${s.id}, ${now}, ${IMPORT_ACTOR}, ${'created'}, ${s.status}, ${note})`;
        });
        await tx.$executeRaw`INSERT INTO case_events (case_id, at, actor_id, kind, to_status, note) VALUES ${Prisma.join(rows)}`;
      }
      // The ledger's 回访 (of the one resolution it records), with its history row.
      const followed = cases.filter((c) => c.followup);
      for (const part of chunks(followed, Math.floor(MAX_PARAMS / FOLLOWUP_COLUMNS))) {
        const rows = part.map((c) => {
          const f = c.followup!;
          return Prisma.sql`(${byCode.get(c.code)!.id}, ${0}, ${c.resolvedDate}, ${f.method}, ${f.visitDate}, ${f.satisfaction}, ${f.opinion}, ${IMPORT_ACTOR}, ${now})`;
        });
        await tx.$executeRaw`INSERT INTO case_followups (case_id, resolution_no, resolved_date, method, visit_date, satisfaction, opinion, actor_id, created_at)
          VALUES ${Prisma.join(rows)}`;
        const events = part.map((c) => Prisma.sql`(${byCode.get(c.code)!.id}, ${now}, ${IMPORT_ACTOR}, ${'followup'}, ${'resolved'}, ${'resolved'}, ${followupNote(c.followup!)})`);
        await tx.$executeRaw`INSERT INTO case_events (case_id, at, actor_id, kind, from_status, to_status, note) VALUES ${Prisma.join(events)}`;
      }
      // The cases' Base records, with the cases (the outbox sends them once the import is in).
      for (const part of chunks(o.notices?.(cases.map((c) => c.code)) ?? [], 200)) await insertNotices(tx, part, now);
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
  return { imported: cases.length, errors: [] };
}
