// Days in BOT_TIMEZONE as YYYY-MM-DD strings: the one module for instants → days and day arithmetic.
import dayjs from 'dayjs';

/** One formatter per zone ('sv-SE' writes 'YYYY-MM-DD HH:mm'); dayjs' tz plugin is ~10x slower per call. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(tz, f);
  }
  return f;
}

/** The last minute formatted per zone: "now" is asked for several times per request, and a format costs ~10 µs. */
const lastMinute = new Map<string, { minute: number; text: string }>();

/** 'YYYY-MM-DD HH:mm' of an instant in a time zone. */
export function minuteIn(instant: Date, tz: string): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastMinute.get(tz);
  if (last?.minute === minute) return last.text;
  const text = formatter(tz).format(instant);
  // One text per UTC minute holds where the zone's offset is whole minutes: every zone since
  // 1972 (before, some local mean times had seconds).
  if (minute >= 0) lastMinute.set(tz, { minute, text });
  return text;
}

/** The calendar day ('YYYY-MM-DD') of an instant in a time zone. */
export function dayIn(instant: Date, tz: string): string {
  return minuteIn(instant, tz).slice(0, 10);
}

/** True for a real calendar day written 'YYYY-MM-DD' (rejects 2023-02-30). */
export function isCalendarDay(s: string): boolean {
  // Plain arithmetic: every report card's dates pass here, and dayjs' format parsing cost more
  // than the rest of reading the form.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const month = Number(s.slice(5, 7));
  return month >= 1 && month <= 12 && new Date(utcOf(s)).toISOString().slice(0, 10) === s;
}

/**
 * The day of a Lark date picker value: '2023-03-14 +0800' (the offset is the picker's own
 * zone; the day the user chose is the date part). Plain '2023-03-14' is accepted too.
 */
export function pickerDay(value: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:\s+[+-]\d{4})?$/.exec(value.trim());
  return m && isCalendarDay(m[1]!) ? m[1] : undefined;
}

/** Noon UTC of a day: date arithmetic on plain numbers (dayjs costs ~20x more on hot loops). */
const utcOf = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), 12);

export function addDays(day: string, n: number): string {
  return new Date(utcOf(day) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Monday to Friday, without any holiday calendar. */
export function isWeekday(day: string): boolean {
  const wd = new Date(utcOf(day)).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** The calendar year of an instant in a time zone. */
export function yearIn(instant: Date, tz: string): number {
  return Number(dayIn(instant, tz).slice(0, 4));
}

/** The Monday of the week (Monday to Sunday) that holds `day`. */
export function mondayOf(day: string): string {
  const d = dayjs(day);
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}

/** '2026-11-23' → '11月23日'. */
export function monthDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}
