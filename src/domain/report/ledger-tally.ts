import type { DeadlineMark, LedgerEntry } from './year-figures.js';

/** How many codes a group keeps for a source note: beyond this the note names the rows by their column instead. */
export const LISTED_CODES = 15;

/** A group of rows: how many, and the codes of the first few in ledger order. */
export interface CodeGroup {
  count: number;
  codes: string[];
}

/**
 * Counts over ledger rows as they stream past, a page at a time, so a year of 100,000 cases is
 * never held: rows per 「是否在时限内」 mark and per category, and the first codes of the open,
 * overdue-open and late rows for the source notes. The pre-send check counts the appendix rows
 * with its own tally, independently of the SQL figures the text is written from.
 */
export class LedgerTally {
  rows = 0;
  readonly marks: Record<DeadlineMark, number> = { 是: 0, 否: 0, 未办结: 0, '未办结（已超期）': 0 };
  readonly categories = new Map<string, { count: number; resolved: number }>();
  readonly open: CodeGroup = { count: 0, codes: [] };
  readonly overdue: CodeGroup = { count: 0, codes: [] };
  readonly late: CodeGroup = { count: 0, codes: [] };
  /** 回访 written in the rows' 回访情况, per 满意度, and the rows that have one. */
  readonly followups = { satisfied: 0, basic: 0, dissatisfied: 0, cases: 0 };

  add(page: readonly LedgerEntry[]): this {
    for (const r of page) {
      this.rows++;
      this.marks[r.withinDeadline]++;
      const c = this.categories.get(r.category) ?? { count: 0, resolved: 0 };
      c.count++;
      if (r.withinDeadline === '是' || r.withinDeadline === '否') c.resolved++;
      this.categories.set(r.category, c);
      if (r.withinDeadline.startsWith('未办结')) note(this.open, r.code);
      if (r.withinDeadline === '未办结（已超期）') note(this.overdue, r.code);
      if (r.withinDeadline === '否') note(this.late, r.code);
      if (r.followups?.length) this.followups.cases++;
      for (const f of r.followups ?? []) {
        if (f.satisfaction === 'satisfied' || f.satisfaction === 'basic' || f.satisfaction === 'dissatisfied') this.followups[f.satisfaction]++;
      }
    }
    return this;
  }

  category(value: string): { count: number; resolved: number } {
    return this.categories.get(value) ?? { count: 0, resolved: 0 };
  }
}

function note(g: CodeGroup, code: string): void {
  g.count++;
  if (g.codes.length < LISTED_CODES) g.codes.push(code);
}

/** The tally of rows already in memory (tests, small inputs). */
export const tallyOf = (rows: readonly LedgerEntry[]) => new LedgerTally().add(rows);

/** The tally of every page of a source, read once. */
export async function tallyPages(pages: AsyncIterable<readonly LedgerEntry[]>): Promise<LedgerTally> {
  const t = new LedgerTally();
  for await (const page of pages) t.add(page);
  return t;
}
