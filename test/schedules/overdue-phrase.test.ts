import { describe, expect, it } from 'vitest';
import { summarizeWeek } from '../../src/domain/progress/weekly-progress.js';
import { weeklyProgressCard } from '../../src/presentation/cards/weekly-progress-card.js';

const due = (deadline: string) => ({ code: 'QY2026-0001', category: 'staffing', status: 'in_progress', enterprise: '好得科技有限公司', receivedDate: '2026-11-06', resolvedDate: null, deadline, ownerId: 'ou_owner' });

function overdueLine(today: string, deadline: string): string {
  const p = summarizeWeek({ today, week: { from: '2026-11-16', to: '2026-11-22' }, received: [], resolvedInWeek: 0, openTotal: 1, late: [due(deadline)], sessions: [], chartWeeks: 8 });
  const card = JSON.stringify(weeklyProgressCard(p, { org: '投资促进局', asOf: `${today} 09:00`, names: new Map([['ou_owner', '张三']]), followupDays: 5 }));
  return /QY2026-0001[^"]*/.exec(card)![0];
}

describe('an overdue case on the weekly card', () => {
  it('seen at the weekend after a Friday deadline is past its deadline, not 「已超期 0 个工作日」', () => {
    const line = overdueLine('2026-11-21', '2026-11-20'); // Saturday, Friday's deadline
    expect(line).toContain('已过期限');
    expect(line).not.toContain('0 个工作日');
  });

  it('counts the working days once one has passed', () => {
    expect(overdueLine('2026-11-24', '2026-11-20')).toContain('已超期 2 个工作日'); // Mon 23, Tue 24
  });
});
