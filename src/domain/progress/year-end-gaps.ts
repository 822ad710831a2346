/** What the year-end draft of `year` still lacks (see the December watch). */
export interface YearEndGaps {
  year: number;
  /** Cases received in the year and not yet resolved (登记, 办理中). */
  unresolved: Array<{ code: string; enterprise: string }>;
  /** Cases marked resolved without a resolution text. */
  resolvedWithoutText: Array<{ code: string; enterprise: string }>;
  /** Study sessions held in the year with no attendance recorded. */
  sessionsWithoutAttendance: Array<{ topic: string; heldDate: string }>;
}
