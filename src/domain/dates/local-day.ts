import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The calendar day ('YYYY-MM-DD') of an instant in a time zone (BOT_TIMEZONE). */
export function dayIn(instant: Date, timeZone: string): string {
  return dayjs(instant).tz(timeZone).format('YYYY-MM-DD');
}

/** Day and minute of an instant in a time zone, e.g. '2026-11-30 09:00'. */
export function minuteIn(instant: Date, timeZone: string): string {
  return dayjs(instant).tz(timeZone).format('YYYY-MM-DD HH:mm');
}

export function addDays(day: string, n: number): string {
  return dayjs(day).add(n, 'day').format('YYYY-MM-DD');
}

/** The Monday of the week (Monday to Sunday) that holds `day`. */
export function mondayOf(day: string): string {
  const d = dayjs(day);
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}

/** Monday to Friday, without any holiday calendar. */
export function isWeekday(day: string): boolean {
  const wd = dayjs(day).day();
  return wd !== 0 && wd !== 6;
}

/** '2026-11-23' → '11月23日'. */
export function monthDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}
