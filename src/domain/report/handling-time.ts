import { isWeekday } from '../dates/days.js';
import { calendarCovers, workingDaysBetween } from '../deadlines/working-days.js';

/** Resolved cases of one category that share receipt and resolution days. */
export interface HandlingSpan {
  category: string;
  receivedDate: string;
  resolvedDate: string;
  cases: number;
}

/** A category's average handling time grew; both averages in working days, one decimal. */
export interface SlowerCategory {
  category: string;
  label: string;
  previousAvgDays: number;
  avgDays: number;
}

/** Growth worth reporting as a problem: at least this share and at least this many working days. */
export const MATERIAL_GROWTH = { share: 0.2, days: 2 } as const;

const DAY_MS = 86_400_000;

/** Working days after receipt up to resolution, as deadlines count them (weekdays where a year's calendar is unknown). */
export function handlingWorkingDays(received: string, resolved: string): number {
  if (resolved <= received) return 0;
  const years = [Number(received.slice(0, 4)), Number(resolved.slice(0, 4))];
  if (years.every(calendarCovers)) return workingDaysBetween(received, resolved);
  let n = 0;
  for (let t = Date.parse(received) + DAY_MS; t <= Date.parse(resolved); t += DAY_MS) if (isWeekday(new Date(t).toISOString().slice(0, 10))) n++;
  return n;
}

/** Average working days per category, one decimal. */
export function averageWorkingDays(spans: HandlingSpan[]): Map<string, number> {
  const sums = new Map<string, { days: number; cases: number }>();
  for (const s of spans) {
    const acc = sums.get(s.category) ?? { days: 0, cases: 0 };
    acc.days += handlingWorkingDays(s.receivedDate, s.resolvedDate) * s.cases;
    acc.cases += s.cases;
    sums.set(s.category, acc);
  }
  return new Map([...sums].map(([c, { days, cases }]) => [c, Math.round((days / cases) * 10) / 10]));
}

/** True when `now` grew from `before` by at least 20 % and at least 2 working days. */
export function grewMaterially(before: number, now: number): boolean {
  return now - before >= MATERIAL_GROWTH.days && now >= before * (1 + MATERIAL_GROWTH.share);
}
