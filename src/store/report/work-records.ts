import { RECORD_KIND_VALUES, type RecordKind, type WorkRecordEntry } from '../../domain/report/record-kinds.js';
import type { Db } from '../database.js';
import { assertYearOpen } from './year-seal.js';

export interface NewWorkRecord {
  kind: RecordKind;
  content: string;
  date: string;
  quantity?: { value: number; unit: string };
  recordedBy: string;
  chatId: string | null;
  /** The message that logged it: the same message stores one record, however often it is delivered. */
  sourceKey: string;
}

export type { WorkRecordEntry } from '../../domain/report/record-kinds.js';

/** Stores a record once per source; `created` is false when it was already there. */
export async function createWorkRecord(db: Db, r: NewWorkRecord): Promise<{ id: number; created: boolean } & WorkRecordEntry> {
  const existing = await db.workRecord.findUnique({ where: { sourceKey: r.sourceKey } });
  if (existing) return { ...existing, created: false };
  await assertYearOpen(db, Number(r.date.slice(0, 4)), `登记${r.date.slice(0, 4)}年的工作记录`);
  const { quantity, ...rest } = r;
  const data = { ...rest, quantity: quantity?.value ?? null, unit: quantity?.unit ?? null };
  const row = await db.workRecord.upsert({ where: { sourceKey: r.sourceKey }, create: data, update: {} });
  return { ...row, created: true };
}

const inYear = (year: number) => ({ gte: `${year}-01-01`, lte: `${year}-12-31` });

/** The year's total of a kind: the quantities given, an entry without one counting 1. */
export async function workRecordTotal(db: Db, kind: string, year: number): Promise<number> {
  const where = { kind, date: inYear(year) };
  const [withQuantity, without] = await Promise.all([
    db.workRecord.aggregate({ where: { ...where, quantity: { not: null } }, _sum: { quantity: true } }),
    db.workRecord.count({ where: { ...where, quantity: null } }),
  ]);
  return (withQuantity._sum.quantity ?? 0) + without;
}

/** Every entry dated in `year`, by kind then date: what the draft counts and cites. */
export async function loadWorkRecords(db: Db, year: number): Promise<WorkRecordEntry[]> {
  return db.workRecord.findMany({
    where: { date: inYear(year) },
    select: { kind: true, date: true, content: true, quantity: true, unit: true },
    orderBy: [{ kind: 'asc' }, { date: 'asc' }, { id: 'asc' }],
  });
}

/** Per kind, the year's total as `workRecordTotal` counts it. */
export function recordTotals(entries: WorkRecordEntry[]): Record<RecordKind, number> {
  const out = Object.fromEntries(RECORD_KIND_VALUES.map((k) => [k, 0])) as Record<RecordKind, number>;
  for (const e of entries) if (e.kind in out) out[e.kind as RecordKind] += e.quantity ?? 1;
  return out;
}
