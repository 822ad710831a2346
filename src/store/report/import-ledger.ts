import type { ImportCase, RowError } from '../../domain/report/ledger-import.js';
import { findOrCreateEnterprise } from '../cases/enterprises.js';
import type { Db } from '../database.js';

export const IMPORT_ACTOR = 'ledger-import';

/** Codes (and year/sequence pairs) already in the store: such rows are refused, never overwritten. */
async function conflicts(db: Db, cases: ImportCase[]): Promise<RowError[]> {
  const errors: RowError[] = [];
  for (let i = 0; i < cases.length; i += 500) {
    const chunk = cases.slice(i, i + 500);
    const existing = await db.enterpriseCase.findMany({
      where: { OR: [{ code: { in: chunk.map((c) => c.code) } }, ...chunk.map((c) => ({ year: c.year, seq: c.seq }))] },
      select: { code: true, year: true, seq: true },
    });
    for (const c of chunk) {
      const hit = existing.find((e) => e.code === c.code || (e.year === c.year && e.seq === c.seq));
      if (hit) errors.push({ line: c.line, message: `编号 ${c.code} 已存在（台账中已有 ${hit.code}），未导入` });
    }
  }
  return errors;
}

/**
 * Stores every case of a validated ledger in one transaction, or none: a code already in the
 * store is reported as a bad row and nothing is written.
 */
export async function importLedger(db: Db, cases: ImportCase[]): Promise<{ imported: number; errors: RowError[] }> {
  const errors = await conflicts(db, cases);
  if (errors.length) return { imported: 0, errors };
  await db.$transaction(
    async (tx) => {
      const firms = new Map<string, number>();
      for (const c of cases) {
        // The same firm rules as cases registered in chat (「华为」 and 「华为技术有限公司」 are one).
        if (!firms.has(c.enterprise)) firms.set(c.enterprise, (await findOrCreateEnterprise(tx, c.enterprise)).id);
        const created = await tx.enterpriseCase.create({
          data: {
            code: c.code, year: c.year, seq: c.seq, enterpriseId: firms.get(c.enterprise)!, category: c.category, content: c.content ?? '（台账导入）',
            department: c.department, receivedDate: c.receivedDate, deadlineDays: c.ruleDays ?? 0, originalDeadline: c.deadline, deadline: c.deadline,
            status: c.resolvedDate ? 'resolved' : 'in_progress', reporterId: IMPORT_ACTOR, resolvedDate: c.resolvedDate,
            resolvedBy: c.resolvedDate ? IMPORT_ACTOR : null, source: 'import',
          },
        });
        await tx.caseEvent.create({
          data: {
            caseId: created.id, actorId: IMPORT_ACTOR, kind: 'created', toStatus: created.status,
            note: c.ruleDays !== null ? `台账导入；办理期限按类别时限（${c.ruleDays}个工作日）计算` : '台账导入',
          },
        });
      }
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
  return { imported: cases.length, errors: [] };
}
