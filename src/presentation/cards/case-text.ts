import { categoryLabel, statusLabel } from '../../domain/cases/categories.js';
import { isOpen } from '../../domain/cases/case-rules.js';
import { daysLeft, provisionalNote } from '../../domain/deadlines/deadline-table.js';
import { calendarCovers } from '../../domain/deadlines/working-days.js';

/** Phrases about a case shared by the case card, the list card and the leaders' message. */

export interface DeadlineFacts {
  status: string;
  receivedDate: string;
  deadline: string;
  deadlineProvisional: boolean;
  resolvedDate: string | null;
}

/** 「剩余3个工作日」「今日到期」「已超期2个工作日」 for an open case. */
export function daysLeftPhrase(today: string, deadline: string): string {
  const left = daysLeft(today, deadline);
  const tail = left.provisional ? '（暂按周末计算）' : '';
  if (left.days > 0) return `剩余${left.days}个工作日${tail}`;
  if (left.days === 0) return deadline === today ? '今日到期' : `已到期${tail}`;
  return `已超期${-left.days}个工作日${tail}`;
}

/** Whether a resolved case was resolved by its deadline. */
export function resolvedInTime(c: Pick<DeadlineFacts, 'resolvedDate' | 'deadline'>): boolean {
  return c.resolvedDate !== null && c.resolvedDate <= c.deadline;
}

/** 「期限内办结」 or 「超期办结」, with the working days it was late. */
export function timelinessPhrase(c: Pick<DeadlineFacts, 'resolvedDate' | 'deadline'>): string {
  if (!c.resolvedDate) return '';
  if (resolvedInTime(c)) return '期限内办结';
  const late = daysLeft(c.deadline, c.resolvedDate);
  return `超期${late.days}个工作日办结`;
}

/** The state of the deadline as one line: left, overdue, met or missed. */
export function deadlineStatePhrase(c: DeadlineFacts, today: string): string {
  if (c.status === 'resolved') return timelinessPhrase(c);
  if (isOpen(c.status)) return daysLeftPhrase(today, c.deadline);
  return '';
}

/** The warning shown when a deadline was counted without an official calendar. */
export function provisionalWarning(c: Pick<DeadlineFacts, 'receivedDate' | 'deadline' | 'deadlineProvisional'>): string | undefined {
  if (!c.deadlineProvisional) return undefined;
  const from = Number(c.receivedDate.slice(0, 4));
  const to = Number(c.deadline.slice(0, 4)) + 1;
  let year: number | undefined;
  for (let y = from; y <= to && year === undefined; y++) if (!calendarCovers(y)) year = y;
  return provisionalNote(year);
}
