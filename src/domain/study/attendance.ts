/** 会前学法 attendance rules, pure: what a click or a 补签 does to a person's record. */

export type AttendanceStatus = 'present' | 'leave' | 'absent';

export const STATUS_LABEL: Record<AttendanceStatus, string> = { present: '签到', leave: '请假', absent: '缺席' };

/** Longest 请假事由 / 补签说明 kept. */
export const REASON_MAX = 100;
/** Longest topic of a session. */
export const TOPIC_MAX = 60;

export type ClickWish = { status: 'present' } | { status: 'leave'; reason: string };

/** What a click does, given the person's current record. */
export type ClickOutcome =
  | { kind: 'record' }
  | { kind: 'switch'; from: AttendanceStatus }
  | { kind: 'unchanged'; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'invalid'; message: string; field: string };

/** A new 请假 needs a reason of reasonable length. */
function checkReason(wish: ClickWish): ClickOutcome | undefined {
  if (wish.status !== 'leave') return undefined;
  if (!wish.reason.trim()) return { kind: 'invalid', message: '请填写请假事由', field: 'reason' };
  if (wish.reason.length > REASON_MAX) return { kind: 'invalid', message: `请假事由不能超过${REASON_MAX}字`, field: 'reason' };
  return undefined;
}

export function decideClick(current: AttendanceStatus | undefined, wish: ClickWish): ClickOutcome {
  if (current === undefined) return checkReason(wish) ?? { kind: 'record' };
  if (current === wish.status) {
    return { kind: 'unchanged', message: wish.status === 'present' ? '您已签到，无需重复操作' : '您已请假，无需重复操作' };
  }
  // Someone on leave who comes after all may sign in; the other way round is not a leave.
  if (current === 'leave' && wish.status === 'present') return { kind: 'switch', from: 'leave' };
  if (current === 'present') return { kind: 'refused', message: '您已签到，无法再请假' };
  return { kind: 'refused', message: '本次学法已结束，如需补签请联系管理员' };
}

/** The toast after a stored click. */
export function clickToast(outcome: ClickOutcome, wish: ClickWish): string {
  if (outcome.kind === 'switch') return '已由请假改为签到';
  return wish.status === 'present' ? '签到成功' : '已请假，事由已登记';
}
