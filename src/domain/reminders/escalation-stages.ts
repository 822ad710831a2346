/**
 * 督办 stages by working days overdue. Each stage is escalated to the leaders once per case
 * and deadline (an extension gives the case a new deadline, and its stages start again).
 */
export const ESCALATION_STAGES = [
  { stage: 1, label: '一级督办', overdueDays: 3 },
  { stage: 2, label: '二级督办', overdueDays: 10 },
  { stage: 3, label: '三级督办', overdueDays: 20 },
] as const;

export type EscalationStage = (typeof ESCALATION_STAGES)[number];

/** The highest stage a case overdue by `overdueDays` working days has reached, if any. */
export function stageFor(overdueDays: number): EscalationStage | undefined {
  return [...ESCALATION_STAGES].reverse().find((s) => overdueDays >= s.overdueDays);
}

/**
 * The start of the case-history note of an escalation: it names the stage and the deadline,
 * so the history says what happened and the job can tell a stage already escalated.
 */
export function escalationMark(stage: EscalationStage, deadline: string): string {
  return `${stage.label}（办理期限${deadline}）`;
}
