import { describe, expect, it } from 'vitest';
import { deadlineMark } from '../../src/domain/report/year-figures.js';
import { averageWorkingDays, handlingWorkingDays } from '../../src/domain/report/handling-time.js';
import { percent } from '../../src/domain/report/percent.js';
import { figures, tally } from './support/figures.js';

describe('year figures (pure)', () => {
  it('names as examples the enterprises with the most cases, then the earliest received', () => {
    const f = figures({
      tallies: [
        tally({ category: 'staffing', enterprise: '丙', cases: 2, firstReceived: '2031-05-01' }),
        tally({ category: 'staffing', enterprise: '丁', cases: 3, firstReceived: '2031-06-01' }),
        tally({ category: 'staffing', enterprise: '戊', cases: 2, firstReceived: '2031-04-01' }),
        tally({ category: 'staffing', enterprise: '己', cases: 1, firstReceived: '2031-01-01' }),
      ],
    });
    expect(f.categories).toEqual([{ category: 'staffing', label: '用人需求', count: 8, resolved: 8, examples: ['丁', '戊'] }]);
  });

  it('leaves out categories without cases and keeps the order of the reference', () => {
    const f = figures({
      tallies: [
        tally({ category: 'schooling', enterprise: 'A', cases: 1 }),
        tally({ category: 'tax_policy', enterprise: 'B', cases: 4 }),
      ],
    });
    expect(f.categories.map((c) => c.category)).toEqual(['tax_policy', 'schooling']);
  });

  it('says all were in time only when every resolved case was, and counts late and overdue ones', () => {
    expect(figures().allWithinDeadline).toBe(true);
    const f = figures({
      tallies: [tally({ category: 'premises', enterprise: 'A', cases: 10, resolved: 8, withinDeadline: 7, open: 2, openOverdue: 1 })],
    });
    expect(f).toMatchObject({ total: 10, resolved: 8, resolutionRate: 80, withinDeadline: 7, withinDeadlineRate: 87.5, allWithinDeadline: false, resolvedLate: 1, open: 2, openOverdue: 1 });
  });

  it('never rounds a share up to 100% nor down to 0% when that would be untrue', () => {
    expect(percent(9999, 10000)).toBe(99.9);
    expect(percent(1, 10000)).toBe(0.1);
    expect(percent(63, 63)).toBe(100);
    expect(percent(0, 0)).toBeUndefined();
  });

  it('finds categories whose average handling time grew since the year before', () => {
    const f = figures({ avgDays: new Map([['tax_policy', 6.5], ['infrastructure', 3]]), previousAvgDays: new Map([['tax_policy', 4.2], ['infrastructure', 3.5]]) });
    expect(f.slowerCategories).toEqual([{ category: 'tax_policy', label: '增值税和企业所得税扶持政策兑现', previousAvgDays: 4.2, avgDays: 6.5 }]);
    // 8.8 → 9 working days (0.2 days) and 10 → 11.5 (+15 %) are not material: at least 20 % and 2 working days.
    const small = figures({ avgDays: new Map([['tax_policy', 9], ['infrastructure', 11.5]]), previousAvgDays: new Map([['tax_policy', 8.8], ['infrastructure', 10]]) });
    expect(small.slowerCategories).toEqual([]);
  });

  it('flags low attendance from the average per-session rate (the one /学法统计 shows)', () => {
    expect(figures({ study: { sessions: 4, present: 30, attendanceRows: 40, averageRate: 0.7512 } }).study).toMatchObject({ averagePresent: 7.5, attendanceRate: 75.1, lowAttendance: true });
    expect(figures({ study: { sessions: 4, present: 38, attendanceRows: 40, averageRate: 0.95 } }).study.lowAttendance).toBe(false);
    expect(figures({ study: { sessions: 2, present: 0, attendanceRows: 0, averageRate: 0 } }).study.attendanceRate).toBeUndefined();
  });

  it('marks each ledger case 是, 否, 未办结 or 未办结（已超期）', () => {
    const c = { code: 'QY2031-0001', enterprise: 'A', category: 'other', receivedDate: '2031-01-02', deadline: '2031-01-20', status: 'resolved', resolvedDate: '2031-01-20' };
    expect(deadlineMark(c, '2032-01-01')).toBe('是');
    expect(deadlineMark({ ...c, resolvedDate: '2031-01-21' }, '2032-01-01')).toBe('否');
    expect(deadlineMark({ ...c, status: 'in_progress', resolvedDate: null }, '2031-01-20')).toBe('未办结');
    expect(deadlineMark({ ...c, status: 'in_progress', resolvedDate: null }, '2031-01-21')).toBe('未办结（已超期）');
  });

  it('counts handling time in working days, as the deadlines are counted (the National Day week is not work)', () => {
    expect(handlingWorkingDays('2025-09-30', '2025-10-09')).toBe(1);
    expect(handlingWorkingDays('2025-03-03', '2025-03-10')).toBe(5);
    expect(averageWorkingDays([
      { category: 'tax_policy', receivedDate: '2025-03-03', resolvedDate: '2025-03-10', cases: 3 },
      { category: 'tax_policy', receivedDate: '2025-09-30', resolvedDate: '2025-10-09', cases: 1 },
    ])).toEqual(new Map([['tax_policy', 4]]));
  });
});
