import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { addDays } from '../../src/domain/dates/days.js';
import { daysLeftLenient, daysLeftMany, isWorkingDayLenient } from '../../src/domain/deadlines/lenient-days-left.js';
import { workingDaysLeft } from '../../src/domain/deadlines/working-days.js';
import { reportWeek } from '../../src/domain/progress/report-week.js';
import { planReminders, type OpenCase } from '../../src/domain/reminders/plan-reminders.js';
import { scheduledJobs } from '../../src/handlers/jobs/scheduled-jobs.js';
import { renderCasesChartPng } from '../../src/presentation/charts/render-png.js';

const base = (o: Partial<OpenCase> & { id: number; deadline: string }): OpenCase => ({ code: `QY2026-000${o.id}`, enterprise: '某公司', category: 'other', ownerId: 'ou_a', ...o });

describe('the report week', () => {
  it('is the week just ended on a Monday, and the week so far later in the week', () => {
    expect(reportWeek('2026-11-30')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(reportWeek('2026-12-04')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(reportWeek('2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
  });
});

describe('planning reminders', () => {
  it('reminds owners of cases due within two working days or overdue, most urgent first, and skips muted owners', () => {
    const plan = planReminders({
      today: '2026-11-30',
      cases: [
        base({ id: 1, deadline: '2026-12-02' }),
        base({ id: 2, deadline: '2026-12-03' }),
        base({ id: 3, deadline: '2026-11-27' }),
        base({ id: 4, deadline: '2026-11-30', ownerId: 'ou_muted' }),
      ],
      muted: new Set(['ou_muted']),
      escalationNotes: new Map(),
    });
    expect([...plan.byOwner.keys()]).toEqual(['ou_a']);
    expect(plan.byOwner.get('ou_a')!.map((i) => [i.id, i.daysLeft])).toEqual([[3, -1], [1, 2]]);
  });

  it('escalates only the highest stage reached and not one already in the history; a new deadline starts again', () => {
    const late = base({ id: 5, deadline: '2026-11-13' }); // 11 working days overdue on 30 Nov
    const fresh = planReminders({ today: '2026-11-30', cases: [late], muted: new Set(), escalationNotes: new Map() });
    expect(fresh.escalations.map((e) => e.mark)).toEqual(['二级督办（办理期限2026-11-13）']);

    const done = new Map([[5, ['二级督办（办理期限2026-11-13）：已超期 10 个工作日，已提请领导督办']]]);
    expect(planReminders({ today: '2026-11-30', cases: [late], muted: new Set(), escalationNotes: done }).escalations).toEqual([]);

    const extended = { ...late, deadline: '2026-11-25' }; // 延期, then overdue again by 3 working days
    expect(planReminders({ today: '2026-11-30', cases: [extended], muted: new Set(), escalationNotes: done }).escalations.map((e) => e.mark)).toEqual([
      '一级督办（办理期限2026-11-25）',
    ]);
  });
});

describe('working days left for many deadlines at once', () => {
  it('agrees with workingDaysLeft on every day of a year with holidays and 调休', () => {
    const deadlines = Array.from({ length: 365 }, (_, i) => addDays('2026-01-01', i));
    for (const today of ['2026-01-01', '2026-02-14', '2026-10-09', '2026-12-31']) {
      const many = daysLeftMany(today, deadlines);
      for (const d of deadlines) expect(many.get(d), `${today} → ${d}`).toEqual({ days: workingDaysLeft(today, d), approximate: false });
    }
  });
});

describe('working days without an official calendar', () => {
  it('counts Monday to Friday for a 2027 deadline and says the count is approximate', () => {
    expect(daysLeftLenient('2026-12-30', '2027-01-05')).toEqual({ days: 4, approximate: true });
    expect(daysLeftLenient('2026-11-30', '2026-12-02')).toEqual({ days: 2, approximate: false });
    expect(isWorkingDayLenient('2027-01-04')).toEqual({ working: true, approximate: true });
    expect(isWorkingDayLenient('2026-10-10')).toEqual({ working: true, approximate: false });
  });
});

describe('the job list', () => {
  it('declares the weekly post at BOT_WEEKLY_CRON, reminders, the year-end watch, the nightly close of study sessions, the queue pruning and the SQLite backup at BOT_BACKUP_CRON', () => {
    const config = loadConfig({ BOT_WEEKLY_CRON: '0 17 * * 5' });
    expect(scheduledJobs(config).map((j) => [j.id, j.cron])).toEqual([
      ['progress.weekly', '0 17 * * 5'],
      ['cases.daily-reminders', '0 9 * * *'],
      ['yearend.watch', '30 9 1 12 1'],
      ['study.close-day', '5 0 * * *'],
      ['maintenance.prune-queues', '30 3 * * *'],
      ['maintenance.backup', '30 2 * * *'],
    ]);
    const replaced = async () => 'closed';
    expect(scheduledJobs(config, { closeStudyDay: replaced }).find((j) => j.id === 'study.close-day')?.run).toBe(replaced);
  });

  it('refuses a cron BOT_WEEKLY_CRON cannot run, and a catch-up window out of range, naming the variable', () => {
    expect(() => loadConfig({ BOT_WEEKLY_CRON: '0 25 * * 1' })).toThrow(/BOT_WEEKLY_CRON/);
    expect(() => loadConfig({ BOT_CATCHUP_HOURS: '-1' })).toThrow(/BOT_CATCHUP_HOURS/);
    expect(loadConfig({}).BOT_CATCHUP_HOURS).toBe(24);
  });
});

describe('the chart as a picture', () => {
  it('renders a PNG of the cases chart on the server', () => {
    const png = renderCasesChartPng({ weeks: ['11/16', '11/23'], series: [{ category: 'staffing', label: '用人需求', counts: [1, 2] }] });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1600); // width from the IHDR chunk: 800 px at scale 2
    expect(png.readUInt32BE(20)).toBe(900);
  });
});
