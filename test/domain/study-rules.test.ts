import { describe, expect, it } from 'vitest';
import { clickToast, decideClick } from '../../src/domain/study/attendance.js';
import { percent, summarizeAttendance } from '../../src/domain/study/statistics.js';
import { dayIn } from '../../src/domain/dates/days.js';

describe('会前学法 click rules', () => {
  it('a first 签到 is recorded and a second changes nothing', () => {
    expect(decideClick(undefined, { status: 'present' })).toEqual({ kind: 'record' });
    expect(decideClick('present', { status: 'present' })).toEqual({ kind: 'unchanged', message: '您已签到，无需重复操作' });
  });

  it('请假 needs a reason of at most 100 characters', () => {
    expect(decideClick(undefined, { status: 'leave', reason: ' ' })).toMatchObject({ kind: 'invalid', field: 'reason' });
    expect(decideClick(undefined, { status: 'leave', reason: '长'.repeat(101) })).toMatchObject({ kind: 'invalid', message: '请假事由不能超过100字' });
    expect(decideClick(undefined, { status: 'leave', reason: '出差' })).toEqual({ kind: 'record' });
  });

  it('请假 may become 签到, never the other way round', () => {
    const sw = decideClick('leave', { status: 'present' });
    expect(sw).toEqual({ kind: 'switch', from: 'leave' });
    expect(clickToast(sw, { status: 'present' })).toBe('已由请假改为签到');
    expect(decideClick('present', { status: 'leave', reason: '出差' })).toMatchObject({ kind: 'refused' });
  });
});

describe('会前学法 statistics, pure', () => {
  it('rates count only the sessions a person has a record in, and the average is over sessions with records', () => {
    const s = summarizeAttendance(
      [
        { id: 1, topic: 'a', heldDate: '2025-01-02', closed: true },
        { id: 2, topic: 'b', heldDate: '2025-02-03', closed: true },
        { id: 3, topic: 'c', heldDate: '2025-03-04', closed: false },
      ],
      [
        { sessionId: 1, openId: 'ou_a', status: 'present', makeup: false },
        { sessionId: 1, openId: 'ou_b', status: 'absent', makeup: false },
        { sessionId: 2, openId: 'ou_a', status: 'leave', makeup: false },
        { sessionId: 2, openId: 'ou_b', status: 'present', makeup: true },
        { sessionId: 2, openId: 'ou_c', status: 'present', makeup: false },
      ],
    );
    expect(s.perPerson.map((p) => [p.openId, p.rate])).toEqual([
      ['ou_c', 1],
      ['ou_a', 0.5],
      ['ou_b', 0.5],
    ]);
    expect(s.perPerson.find((p) => p.openId === 'ou_b')!.makeup).toBe(1);
    expect(s.sessions.map((x) => x.rate)).toEqual([0.5, 2 / 3, 0]);
    expect(s.averageAttendanceRate).toBeCloseTo((0.5 + 2 / 3) / 2);
    expect(percent(2 / 3)).toBe('66.7%');
    expect(percent(0)).toBe('0.0%');
  });

  it('a session’s day is the day in BOT_TIMEZONE, not in UTC', () => {
    expect(dayIn(new Date('2025-12-31T17:30:00Z'), 'Asia/Shanghai')).toBe('2026-01-01');
    expect(dayIn(new Date('2025-12-31T15:30:00Z'), 'Asia/Shanghai')).toBe('2025-12-31');
  });
});
