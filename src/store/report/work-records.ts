import type { RecordKind } from '../../domain/report/record-kinds.js';
import type { Db } from '../database.js';

export interface NewWorkRecord {
  kind: RecordKind;
  content: string;
  date: string;
  recordedBy: string;
  chatId: string | null;
  /** The message that logged it: the same message stores one record, however often it is delivered. */
  sourceKey: string;
}

/** Stores a record once per source; `created` is false when it was already there. */
export async function createWorkRecord(db: Db, r: NewWorkRecord): Promise<{ id: number; created: boolean; kind: string; date: string }> {
  const existing = await db.workRecord.findUnique({ where: { sourceKey: r.sourceKey } });
  if (existing) return { id: existing.id, created: false, kind: existing.kind, date: existing.date };
  const row = await db.workRecord.upsert({ where: { sourceKey: r.sourceKey }, create: r, update: {} });
  return { id: row.id, created: true, kind: row.kind, date: row.date };
}

export async function countWorkRecords(db: Db, kind: string, year: number): Promise<number> {
  return db.workRecord.count({ where: { kind, date: { gte: `${year}-01-01`, lte: `${year}-12-31` } } });
}
