/**
 * Cases of one enterprise in one category, counted by the store (GROUP BY), so the draft needs
 * no pass over every case.
 */
export interface EnterpriseTally {
  category: string;
  enterprise: string;
  /** Counted cases (returned ones are not counted). */
  cases: number;
  resolved: number;
  withinDeadline: number;
  open: number;
  openOverdue: number;
  firstReceived: string;
  /** The latest 办结日期 among them, or null. */
  lastResolved: string | null;
}
