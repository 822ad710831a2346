import { describe, expect, it } from 'vitest';
import { isCalendarDay, pickerDay } from '../../src/domain/dates/days.js';

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
