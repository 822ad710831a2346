import type { CaseStatus } from './categories.js';

/** What the rules need to know about a person and a case. */
export interface Actor {
  openId: string;
  isAdmin: boolean;
}

export interface CaseParties {
  reporterId: string;
  assigneeId: string | null;
  status: string;
}

/** The reporter, the assignee or an admin handles a case (accept, return, assign, resolve). */
export function canHandle(actor: Actor, c: CaseParties): boolean {
  return actor.isAdmin || actor.openId === c.reporterId || (c.assigneeId !== null && actor.openId === c.assigneeId);
}

/**
 * The whole case (content, resolution, history) is for those who handle it and for leaders;
 * codes are easy to guess, so anyone else sees its outline only.
 */
export function canReadCase(actor: Actor & { isLeader: boolean }, c: CaseParties): boolean {
  return actor.isLeader || canHandle(actor, c);
}

/**
 * 延期 is decided before the deadline runs out: a deadline extended after it had passed
 * would turn a late case into one 「在规定时限内」 in the year-end figures. A provisional
 * deadline (no official calendar yet) may always be corrected.
 */
export function extensionStillOpen(c: { deadline: string; deadlineProvisional?: boolean }, today: string): boolean {
  return c.deadlineProvisional === true || today <= c.deadline;
}

/** Only admins move a deadline. */
export function canExtend(actor: Actor): boolean {
  return actor.isAdmin;
}

/** Statuses a case may move from, per action. 已办结 and 退回 are final. */
export const FROM_STATUSES = {
  accept: ['registered'],
  resolve: ['registered', 'in_progress'],
  return: ['registered', 'in_progress'],
  extend: ['registered', 'in_progress'],
  assign: ['registered', 'in_progress'],
} as const satisfies Record<string, readonly CaseStatus[]>;

export type CaseVerb = keyof typeof FROM_STATUSES;

export function isOpen(status: string): boolean {
  return status === 'registered' || status === 'in_progress';
}
