import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The calendar day ('YYYY-MM-DD') of an instant in a time zone. */
export function dayIn(instant: Date, tz: string): string {
  return dayjs(instant).tz(tz).format('YYYY-MM-DD');
}

/** 'YYYY-MM-DD HH:mm' of an instant in a time zone. */
export function minuteIn(instant: Date, tz: string): string {
  return dayjs(instant).tz(tz).format('YYYY-MM-DD HH:mm');
}

/** True for a real calendar day written 'YYYY-MM-DD' (rejects 2023-02-30). */
export function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = dayjs(s, 'YYYY-MM-DD');
  return d.isValid() && d.format('YYYY-MM-DD') === s;
}

/**
 * The day of a Lark date picker value: '2023-03-14 +0800' (the offset is the picker's own
 * zone; the day the user chose is the date part). Plain '2023-03-14' is accepted too.
 */
export function pickerDay(value: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:\s+[+-]\d{4})?$/.exec(value.trim());
  return m && isCalendarDay(m[1]!) ? m[1] : undefined;
}

export function addDays(day: string, n: number): string {
  return dayjs(day).add(n, 'day').format('YYYY-MM-DD');
}

/** Monday to Friday, without any holiday calendar. */
export function isWeekday(day: string): boolean {
  const wd = dayjs(day).day();
  return wd !== 0 && wd !== 6;
}
