import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The calendar day ('YYYY-MM-DD') of an instant in a time zone (BOT_TIMEZONE). */
export function localDay(instant: Date, timeZone: string): string {
  return dayjs(instant).tz(timeZone).format('YYYY-MM-DD');
}

/** Day and minute of an instant in a time zone, e.g. '2026-11-25 09:30'. */
export function localDateTime(instant: Date, timeZone: string): string {
  return dayjs(instant).tz(timeZone).format('YYYY-MM-DD HH:mm');
}

/** The calendar year of an instant in a time zone. */
export function localYear(instant: Date, timeZone: string): number {
  return dayjs(instant).tz(timeZone).year();
}
