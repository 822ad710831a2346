import { describe, expect, it } from 'vitest';
import { addWeekdays, daysLeft, deadlineFor, DEADLINE_WORKING_DAYS } from '../../src/domain/deadlines/deadline-table.js';
import { daysLeftPhrase, provisionalWarning, timelinessPhrase } from '../../src/presentation/cards/case-text.js';

describe('deadlines in working days by category', () => {
  it('uses the default table of the issue', () => {
    expect(DEADLINE_WORKING_DAYS).toEqual({ tax_policy: 15, staffing: 10, infrastructure: 30, premises: 20, schooling: 10, other: 15 });
  });

  const cases: Array<[string, Parameters<typeof deadlineFor>[0], string, string]> = [
    // National Day 2023: 09-29..10-06 off, Sat 10-07 and Sun 10-08 are make-up workdays.
    ['a tax_policy case received the day before the 2023 Mid-Autumn/National Day break', 'tax_policy', '2023-09-28', '2023-10-25'],
    ['a staffing case received on the last day off, counting the make-up Saturday and Sunday', 'staffing', '2023-10-06', '2023-10-18'],
    ['a schooling case received on the make-up Saturday 2023-10-07', 'schooling', '2023-10-07', '2023-10-19'],
    // Spring Festival 2024: 02-10..02-17 off, Sun 02-04 and Sun 02-18 are make-up workdays.
    ['a schooling case received on 2024-02-08 across the Spring Festival', 'schooling', '2024-02-08', '2024-02-28'],
    // 02-09 (除夕) is a workday, 02-18 a make-up Sunday.
    ['a staffing case received on the make-up Sunday 2024-02-04', 'staffing', '2024-02-04', '2024-02-22'],
    ['an infrastructure case of 30 days across the Spring Festival', 'infrastructure', '2024-01-25', '2024-03-12'],
    ['a premises case received on a plain weekday', 'premises', '2023-03-14', '2023-04-12'],
    // Qingming 2023-04-05 (Wednesday) is off.
    ['an other case received on a Saturday, across Qingming', 'other', '2023-03-18', '2023-04-10'],
  ];
  for (const [what, category, received, due] of cases) {
    it(`${what} is due ${due}`, () => {
      expect(deadlineFor(category, received)).toEqual({ deadline: due, days: DEADLINE_WORKING_DAYS[category], provisional: false });
    });
  }

  it('a case received in a year without an official calendar gets a provisional weekends-only deadline, flagged', () => {
    const d = deadlineFor('tax_policy', '2027-09-28');
    expect(d).toEqual({ deadline: '2027-10-19', days: 15, provisional: true, uncoveredYear: 2027 });
    expect(addWeekdays('2027-09-28', 15)).toBe('2027-10-19');
    expect(provisionalWarning({ receivedDate: '2027-09-28', deadline: d.deadline, deadlineProvisional: true })).toContain('2027年法定节假日安排尚未发布');
  });

  it('a deadline that runs into an uncovered year is provisional too', () => {
    const d = deadlineFor('infrastructure', '2026-12-10');
    expect(d.provisional).toBe(true);
    expect(d.uncoveredYear).toBe(2027);
  });

  it('counts days left and overdue in working days, make-up days included', () => {
    expect(daysLeft('2023-10-10', '2023-10-25')).toEqual({ days: 11, provisional: false });
    expect(daysLeft('2023-09-28', '2023-10-09')).toEqual({ days: 3, provisional: false }); // 10-07, 10-08, 10-09
    expect(daysLeft('2023-10-25', '2023-10-25').days).toBe(0);
    expect(daysLeft('2024-02-19', '2024-02-08')).toEqual({ days: -3, provisional: false }); // 02-09, 02-18, 02-19
    expect(daysLeftPhrase('2023-10-10', '2023-10-25')).toBe('剩余11个工作日');
    expect(daysLeftPhrase('2023-10-25', '2023-10-25')).toBe('今日到期');
    expect(daysLeftPhrase('2023-10-27', '2023-10-25')).toBe('已超期2个工作日');
    expect(daysLeftPhrase('2027-03-01', '2027-03-03')).toBe('剩余2个工作日（暂按周末计算）');
  });

  it('says whether a case was resolved within its deadline', () => {
    expect(timelinessPhrase({ resolvedDate: '2023-10-25', deadline: '2023-10-25' })).toBe('期限内办结');
    expect(timelinessPhrase({ resolvedDate: '2023-10-27', deadline: '2023-10-25' })).toBe('超期2个工作日办结');
  });
});
