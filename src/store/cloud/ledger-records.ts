import type { Db } from '../database.js';

/** The record_id of each case in the Base (one Base per app token), so a case is created there once. */
export async function recordIdOf(db: Db, appToken: string, code: string): Promise<string | undefined> {
  return (await db.ledgerRecord.findUnique({ where: { appToken_code: { appToken, code } } }))?.recordId;
}

export async function keepRecordIds(db: Db, appToken: string, pairs: Array<{ code: string; recordId: string }>, now: Date): Promise<void> {
  for (const p of pairs) {
    await db.ledgerRecord.upsert({
      where: { appToken_code: { appToken, code: p.code } },
      create: { appToken, code: p.code, recordId: p.recordId, syncedAt: now },
      update: { recordId: p.recordId, syncedAt: now },
    });
  }
}

export async function forgetRecord(db: Db, appToken: string, code: string): Promise<void> {
  await db.ledgerRecord.deleteMany({ where: { appToken, code } });
}

/** code → record_id for the cases of a year (the repair compares them with the table). */
export async function recordIdsOf(db: Db, appToken: string, codes: string[]): Promise<Map<string, string>> {
  const rows = await db.ledgerRecord.findMany({ where: { appToken, code: { in: codes } } });
  return new Map(rows.map((r) => [r.code, r.recordId]));
}

const tableKey = (appToken: string) => `bitable.ledger_table:${appToken}`;

export async function storedTableId(db: Db, appToken: string): Promise<string | undefined> {
  return (await db.setting.findUnique({ where: { key: tableKey(appToken) } }))?.value;
}

export async function keepTableId(db: Db, appToken: string, tableId: string): Promise<void> {
  await db.setting.upsert({ where: { key: tableKey(appToken) }, create: { key: tableKey(appToken), value: tableId, updatedBy: 'bot' }, update: { value: tableId } });
}

export async function forgetTableId(db: Db, appToken: string): Promise<void> {
  await db.setting.deleteMany({ where: { key: tableKey(appToken) } });
}
