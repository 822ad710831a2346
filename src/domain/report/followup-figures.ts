import { percent } from './percent.js';

/** 回访 of a year's counted cases, per 满意度 (values of domain/cases/followup.ts). */
export interface FollowupCounts {
  satisfied: number;
  basic: number;
  dissatisfied: number;
  /** Cases with at least one 回访 (a case reopened by 不满意 may have two or more). */
  cases: number;
}

export interface FollowupFigures extends FollowupCounts {
  /** Every 回访 recorded (家次). */
  total: number;
  /** 满意 and 基本满意. */
  content: number;
  /** content ÷ total as a percentage; undefined without 回访. */
  rate: number | undefined;
}

export const NO_FOLLOWUPS: FollowupCounts = { satisfied: 0, basic: 0, dissatisfied: 0, cases: 0 };

export function followupFigures(c: FollowupCounts): FollowupFigures {
  const total = c.satisfied + c.basic + c.dissatisfied;
  const content = c.satisfied + c.basic;
  return { ...c, total, content, rate: percent(content, total) };
}
