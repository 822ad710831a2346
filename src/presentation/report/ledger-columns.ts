import { categoryLabel } from '../../domain/cases/categories.js';
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
 * on one line at 小五.
 */
export const LEDGER_COLUMNS = [
  { key: 'code', header: '编号', twips: 1400, xlsxWidth: 14 },
  { key: 'enterprise', header: '企业名称', twips: 2200, xlsxWidth: 36 },
  { key: 'category', header: '诉求类别', twips: 1745, xlsxWidth: 30 },
  { key: 'receivedDate', header: '受理日期', twips: 1250, xlsxWidth: 12 },
  { key: 'resolvedDate', header: '办结日期', twips: 1250, xlsxWidth: 12 },
  { key: 'withinDeadline', header: '是否在时限内', twips: 1000, xlsxWidth: 16 },
] as const;

export type LedgerColumnKey = (typeof LEDGER_COLUMNS)[number]['key'];

export function ledgerCells(e: LedgerEntry): string[] {
  return [e.code, e.enterprise, categoryLabel(e.category), e.receivedDate, e.resolvedDate ?? '', e.withinDeadline];
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
