/** A returned case (退回) of the year, listed in the appendix so 「另有N件…已按程序退回」 can be traced. */
export interface ReturnedCase {
  code: string;
  enterprise: string;
  category: string;
  receivedDate: string;
  returnReason: string | null;
}
