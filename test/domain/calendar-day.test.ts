import { describe, expect, it } from 'vitest';
import { isCalendarDay, minuteIn, pickerDay } from '../../src/domain/dates/days.js';

describe('a calendar day written YYYY-MM-DD', () => {
  it('takes real days, leap days included, and nothing else', () => {
    for (const d of ['2023-01-01', '2023-12-31', '2024-02-29', '2000-02-29', '2023-04-30']) expect(isCalendarDay(d), d).toBe(true);
    for (const d of ['2023-02-29', '1900-02-29', '2023-02-30', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '2023-01-32', '2023-4-1', '2023/04/01', ' 2023-04-01', '', 'abcd-ef-gh'])
      expect(isCalendarDay(d), d).toBe(false);
  });

  it('is the day of a picker value, offset or not', () => {
    expect(pickerDay('2023-03-14 +0800')).toBe('2023-03-14');
    expect(pickerDay('2023-03-14')).toBe('2023-03-14');
    expect(pickerDay('2023-02-30 +0800')).toBeUndefined();
  });
});

describe('the minute of an instant in a zone', () => {
  it('answers each instant for itself, however the calls alternate between minutes and zones', () => {
    const a = new Date('2025-12-31T15:59:59.999Z');
    const b = new Date('2025-12-31T16:00:00.000Z');
    expect(minuteIn(a, 'Asia/Shanghai')).toBe('2025-12-31 23:59');
    expect(minuteIn(b, 'Asia/Shanghai')).toBe('2026-01-01 00:00');
    expect(minuteIn(a, 'Asia/Shanghai')).toBe('2025-12-31 23:59');
    expect(minuteIn(b, 'UTC')).toBe('2025-12-31 16:00');
    expect(minuteIn(new Date('2025-12-31T16:00:59.000Z'), 'Asia/Shanghai')).toBe('2026-01-01 00:00');
    expect(minuteIn(new Date('2025-12-31T16:00:00.000Z'), 'Asia/Kathmandu')).toBe('2025-12-31 21:45');
    // Before 1901 Shanghai kept local mean time (+08:05:43): a minute there is not a UTC minute.
    expect(minuteIn(new Date('1900-01-01T00:00:10Z'), 'Asia/Shanghai')).toBe(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date('1900-01-01T00:00:10Z')));
    expect(minuteIn(new Date('1900-01-01T00:00:20Z'), 'Asia/Shanghai')).toBe('1900-01-01 08:06');
  });
});
