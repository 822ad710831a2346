import { categoryLabel } from '../../domain/cases/categories.js';
import { monthDay } from '../../domain/dates/days.js';
import type { Escalation, ReminderItem } from '../../domain/reminders/plan-reminders.js';

function when(i: ReminderItem): string {
  const approx = i.approximate ? '（按周一至周五估算）' : '';
  if (i.daysLeft < 0) return `已超期 ${-i.daysLeft} 个工作日${approx}`;
  if (i.daysLeft === 0) return '今日到期';
  return `剩余 ${i.daysLeft} 个工作日${approx}`;
}

const line = (i: ReminderItem) => `${i.code}　${i.enterprise}（${categoryLabel(i.category)}），办理期限${monthDay(i.deadline)}，${when(i)}`;

/** One owner's daily reminder: overdue first, then due within two working days. */
export function reminderText(items: ReminderItem[]): string {
  const overdue = items.filter((i) => i.daysLeft < 0);
  const soon = items.filter((i) => i.daysLeft >= 0);
  const parts = ['【到期提醒】您承办的以下企业诉求请抓紧办理：'];
  if (overdue.length) parts.push(`超期未办结（${overdue.length}件）：`, ...overdue.map((i) => `· ${line(i)}`));
  if (soon.length) parts.push(`即将到期（${soon.length}件）：`, ...soon.map((i) => `· ${line(i)}`));
  parts.push('办结后请在诉求卡片中填写办理结果。如需暂停提醒，请发送 /提醒 关闭。');
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
