import { categoryLabel } from '../../domain/cases/categories.js';
import { monthDay } from '../../domain/dates/days.js';
import type { FollowupDue } from '../../domain/reminders/followup-reminders.js';
import type { Escalation, ReminderItem } from '../../domain/reminders/plan-reminders.js';

function when(i: ReminderItem): string {
  const approx = i.approximate ? '（按周一至周五估算）' : '';
  if (i.daysLeft < 0) return `已超期 ${-i.daysLeft} 个工作日${approx}`;
  if (i.daysLeft === 0) return '今日到期';
  return `剩余 ${i.daysLeft} 个工作日${approx}`;
}

const line = (i: ReminderItem) => `${i.code}　${i.enterprise}（${categoryLabel(i.category)}），办理期限${monthDay(i.deadline)}，${when(i)}`;

/** 待回访 cases listed in one reminder; the rest are counted (a long list helps nobody). */
export const FOLLOWUPS_LISTED = 20;

function followupPart(due: FollowupDue[], days: number): string[] {
  const lines = due.slice(0, FOLLOWUPS_LISTED).map((c) => `· ${c.code}　${c.enterprise}（${categoryLabel(c.category)}），办结日期${monthDay(c.resolvedDate)}`);
  const more = due.length > FOLLOWUPS_LISTED ? [`· 另有${due.length - FOLLOWUPS_LISTED}件，请发送 /我的 查看`] : [];
  return [`待回访（${due.length}件，办结已满${days}个工作日）：`, ...lines, ...more];
}

/**
 * One owner's daily reminder: overdue first, then due within two working days, then the
 * resolved cases waiting for 回访 (`followups.days`: BOT_FOLLOWUP_DAYS).
 */
export function reminderText(items: ReminderItem[], followups: { due: FollowupDue[]; days: number } = { due: [], days: 0 }): string {
  const overdue = items.filter((i) => i.daysLeft < 0);
  const soon = items.filter((i) => i.daysLeft >= 0);
  const parts = [items.length ? '【到期提醒】您承办的以下企业诉求请抓紧办理：' : '【待回访提醒】您承办的以下企业诉求已办结，请及时回访企业：'];
  if (overdue.length) parts.push(`超期未办结（${overdue.length}件）：`, ...overdue.map((i) => `· ${line(i)}`));
  if (soon.length) parts.push(`即将到期（${soon.length}件）：`, ...soon.map((i) => `· ${line(i)}`));
  if (followups.due.length) parts.push(...followupPart(followups.due, followups.days));
  // One closing line, as before 回访 existed when there is none.
  parts.push(`${items.length ? '办结后请在诉求卡片中填写办理结果。' : ''}${followups.due.length ? '回访后请发送 /回访 加编号填写回访情况。' : ''}如需暂停提醒，请发送 /提醒 关闭。`);
  return parts.join('\n');
}

/** The 督办 message to each leader: every case that reached a new stage today. */
export function escalationText(escalations: Escalation[], names: Map<string, string>): string {
  const lines = escalations.map((e, n) => `${n + 1}. ${e.stage.label}　${line(e.item)}，承办人：${names.get(e.item.ownerId) ?? e.item.ownerId}`);
  return ['【督办提示】以下企业诉求已超过办理期限，请督促承办人员抓紧办结：', ...lines].join('\n');
}

/** The note kept in the case history for one escalation (starts with the stage mark). */
export function escalationNote(e: Escalation): string {
  return `${e.mark}：已超期 ${-e.item.daysLeft} 个工作日，已提请领导督办`;
}
