import { categoryLabel } from '../../domain/cases/categories.js';
import { methodLabel, satisfactionLabel } from '../../domain/cases/followup.js';
import type { ReturnedCase } from '../../domain/report/returned-case.js';
import type { LedgerEntry } from '../../domain/report/year-figures.js';

export interface TableColumn {
  key: string;
  header: string;
  twips: number;
  xlsxWidth: number;
}

/**
 * The columns of the case ledger: the .docx appendix, the .xlsx ledger and the import
 * (scripts/import-ledger.ts) all use these, so an exported ledger imports back as it is.
 * Widths add up to the A4 text width with 公文 margins (8,845 twips) and fit a code or a date
 * on one line at 小五; 回访情况 wraps (「基本满意（2024-01-05）」 takes two lines).
 */
export const LEDGER_COLUMNS = [
  { key: 'code', header: '编号', twips: 1250, xlsxWidth: 14 },
  { key: 'enterprise', header: '企业名称', twips: 1850, xlsxWidth: 36 },
  { key: 'category', header: '诉求类别', twips: 1500, xlsxWidth: 30 },
  { key: 'receivedDate', header: '受理日期', twips: 1100, xlsxWidth: 12 },
  { key: 'resolvedDate', header: '办结日期', twips: 1100, xlsxWidth: 12 },
  { key: 'withinDeadline', header: '是否在时限内', twips: 900, xlsxWidth: 16 },
  { key: 'followups', header: '回访情况', twips: 1145, xlsxWidth: 30 },
] as const;

export type LedgerColumnKey = (typeof LEDGER_COLUMNS)[number]['key'];

/** Every 回访 of the case, oldest first: 「不满意（2023-10-13）；满意（2023-10-27）」; empty without one. */
export function followupCell(e: Pick<LedgerEntry, 'followups'>): string {
  return (e.followups ?? []).map((f) => `${satisfactionLabel(f.satisfaction)}（${f.visitDate}）`).join('；');
}

export function ledgerCells(e: LedgerEntry): string[] {
  return [e.code, e.enterprise, categoryLabel(e.category), e.receivedDate, e.resolvedDate ?? '', e.withinDeadline, followupCell(e)];
}

/**
 * Columns only the .xlsx ledger carries, after the appendix's: 办理期限, and the 回访 of the
 * case's standing resolution field by field, so an exported ledger imports back with it.
 * An earlier 不满意 回访 (it reopened the case) shows in 回访情况 only.
 */
export const LEDGER_XLSX_EXTRA_COLUMNS = [
  { key: 'deadline', header: '办理期限', xlsxWidth: 12 },
  { key: 'followupMethod', header: '回访方式', xlsxWidth: 10 },
  { key: 'followupDate', header: '回访日期', xlsxWidth: 12 },
  { key: 'satisfaction', header: '满意度', xlsxWidth: 10 },
  { key: 'opinion', header: '企业意见', xlsxWidth: 40 },
] as const;

export function ledgerXlsxExtraCells(e: LedgerEntry): string[] {
  const last = e.followups?.at(-1);
  const standing = e.status === 'resolved' && last && last.satisfaction !== 'dissatisfied' ? last : undefined;
  if (!standing) return [e.deadline, '', '', '', ''];
  return [e.deadline, standing.method ? methodLabel(standing.method) : '', standing.visitDate, satisfactionLabel(standing.satisfaction), standing.opinion ?? ''];
}

export const appendixTitle = (year: number) => `附件：${year}年企业诉求台账`;

/** The appendix's second table and the ledger's second sheet: returned cases with their reasons. */
export const RETURNED_COLUMNS: readonly TableColumn[] = [
  { key: 'code', header: '编号', twips: 1400, xlsxWidth: 14 },
  { key: 'enterprise', header: '企业名称', twips: 2200, xlsxWidth: 36 },
  { key: 'category', header: '诉求类别', twips: 1745, xlsxWidth: 30 },
  { key: 'receivedDate', header: '受理日期', twips: 1250, xlsxWidth: 12 },
  { key: 'returnReason', header: '退回理由', twips: 2250, xlsxWidth: 40 },
];

export const RETURNED_TITLE = '退回诉求';

export function returnedCells(r: ReturnedCase): string[] {
  return [r.code, r.enterprise, categoryLabel(r.category), r.receivedDate, r.returnReason ?? ''];
}
