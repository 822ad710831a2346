import { createHash } from 'node:crypto';
import { CATEGORIES } from '../cases/categories.js';
import { tallyOf } from './ledger-tally.js';
import { RECORD_KINDS, type RecordKind } from './record-kinds.js';
import type { LedgerEntry, StudyCounts, YearFigures } from './year-figures.js';

/*
 * What a sealed year is checked against: the appendix rows at the seal (their hash, and the
 * rows of the cases still open, which may be handled later), compared with the records now.
 */

/** SHA-256 over the appendix rows in code order, every column the figures count. */
export function appendixHash(rows: readonly LedgerEntry[]): string {
  const h = createHash('sha256');
  for (const r of [...rows].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    h.update(`${JSON.stringify([r.code, r.enterprise, r.category, r.receivedDate, r.deadline, r.status, r.resolvedDate, r.withinDeadline])}\n`);
  }
  return h.digest('hex');
}

/** The rows open at the seal (they may be resolved or returned since). */
export const openRowsOf = (rows: readonly LedgerEntry[]) => rows.filter((r) => r.withinDeadline.startsWith('未办结'));

export interface SinceSeal {
  resolved: string[];
  returned: string[];
}

/** Cases open at the seal that were resolved or returned since, by code. */
export function sinceSeal(openAtSeal: readonly LedgerEntry[], now: readonly LedgerEntry[], returnedNow: ReadonlySet<string>): SinceSeal {
  const current = new Map(now.map((r) => [r.code, r]));
  return {
    resolved: openAtSeal.filter((r) => current.get(r.code)?.status === 'resolved').map((r) => r.code),
    returned: openAtSeal.filter((r) => returnedNow.has(r.code)).map((r) => r.code),
  };
}

/**
 * The rows as they stood at the seal, if only the handling of open cases happened since: every
 * case open at the seal (resolved, returned, extended or still open) is put back as it was.
 */
export function rewind(now: readonly LedgerEntry[], openAtSeal: readonly LedgerEntry[]): LedgerEntry[] {
  const open = new Set(openAtSeal.map((r) => r.code));
  return [...now.filter((r) => !open.has(r.code)), ...openAtSeal];
}

export interface NowRecords {
  /** Rows rewound to the seal (see rewind). */
  rows: readonly LedgerEntry[];
  /** Returned cases now, less those returned since the seal. */
  returnedAtSeal: number;
  study: StudyCounts;
  records: Record<RecordKind, number>;
}

/** Each figure the records (rewound to the seal) no longer support: 「名称：定稿X，现Y」. */
export function sealDifferences(sealed: YearFigures, now: NowRecords): string[] {
  const t = tallyOf(now.rows);
  const pairs: Array<[string, number, number, string]> = [
    ['受理企业诉求', sealed.total, t.rows, '件'],
    ['已办结', sealed.resolved, t.marks.是 + t.marks.否, '件'],
    ['按期办结', sealed.withinDeadline, t.marks.是, '件'],
    ['逾期办结', sealed.resolvedLate, t.marks.否, '件'],
    ['未办结', sealed.open, t.marks.未办结 + t.marks['未办结（已超期）'], '件'],
    ['超期未办结', sealed.openOverdue, t.marks['未办结（已超期）'], '件'],
    ['退回', sealed.returned, now.returnedAtSeal, '件'],
    ...CATEGORIES.map((c): [string, number, number, string] => [c.label, sealed.categories.find((x) => x.category === c.value)?.count ?? 0, t.category(c.value).count, '件']),
    ['会前学法', sealed.study.sessions, now.study.sessions, '次'],
    ['学法签到', sealed.study.present, now.study.present, '人次'],
    ['学法出勤记录', sealed.study.attendanceRows, now.study.attendanceRows, '条'],
    ...RECORD_KINDS.map((k): [string, number, number, string] => [k.label, sealed.records[k.value] ?? 0, now.records[k.value] ?? 0, k.units[0]]),
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([name, a, b, unit]) => `${name}：定稿${a}${unit}，现${b}${unit}`);
}
