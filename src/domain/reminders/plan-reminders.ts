import { daysLeftMany } from '../deadlines/lenient-days-left.js';
import { escalationMark, stageFor, type EscalationStage } from './escalation-stages.js';

export interface OpenCase {
  id: number;
  code: string;
  enterprise: string;
  category: string;
  deadline: string;
  /** The person who answers for the case: the assignee, else the reporter. */
  ownerId: string;
}

export interface ReminderItem extends OpenCase {
  /** Working days left; negative when overdue, 0 when due today. */
  daysLeft: number;
  approximate: boolean;
}

export interface Escalation {
  item: ReminderItem;
  stage: EscalationStage;
  /** The note prefix recorded in the case history. */
  mark: string;
}

export interface ReminderPlan {
  /** Owner → their cases due soon or overdue, most urgent first. */
  byOwner: Map<string, ReminderItem[]>;
  escalations: Escalation[];
}

/** Cases due within this many working days are reminded of. */
export const DUE_SOON_WORKING_DAYS = 2;

/**
 * Who gets reminded of what today, and which cases reach a 督办 stage not yet escalated.
 * `muted` owners get no reminder (their cases are still escalated); `escalationNotes` holds
 * each case's escalation notes already in its history.
 */
export function planReminders(input: { today: string; cases: OpenCase[]; muted: Set<string>; escalationNotes: Map<number, string[]> }): ReminderPlan {
  const byOwner = new Map<string, ReminderItem[]>();
  const escalations: Escalation[] = [];
  const daysLeft = daysLeftMany(input.today, input.cases.map((c) => c.deadline));
  for (const c of input.cases) {
    const left = daysLeft.get(c.deadline)!;
    if (left.days > DUE_SOON_WORKING_DAYS) continue;
    const item: ReminderItem = { ...c, daysLeft: left.days, approximate: left.approximate };
    if (!input.muted.has(c.ownerId)) byOwner.set(c.ownerId, [...(byOwner.get(c.ownerId) ?? []), item]);
    const stage = stageFor(-left.days);
    if (stage) {
      const mark = escalationMark(stage, c.deadline);
      const done = (input.escalationNotes.get(c.id) ?? []).some((note) => note.startsWith(mark));
      if (!done) escalations.push({ item, stage, mark });
    }
  }
  for (const items of byOwner.values()) items.sort((a, b) => a.daysLeft - b.daysLeft || a.code.localeCompare(b.code));
  escalations.sort((a, b) => a.item.daysLeft - b.item.daysLeft || a.item.code.localeCompare(b.item.code));
  return { byOwner, escalations };
}
