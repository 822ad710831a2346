import { STATUS_LABEL, type AttendanceStatus } from '../../domain/study/attendance.js';
import { minuteIn } from '../../domain/dates/days.js';
import type { AttendeeView, StudySessionView } from '../../domain/study/session-view.js';
import { escapeMarkdown } from './escape-markdown.js';
import { addCallbackValues, loadTemplate, removeElements, setElement, setHeader, type CardJson } from './template.js';

function who(list: AttendeeView[]): string {
  if (list.length === 0) return '暂无';
  return list.map((a) => escapeMarkdown(a.name) + (a.makeup ? '（补签）' : '')).join('、');
}

function line(status: AttendanceStatus, list: AttendeeView[]): string {
  return `**${STATUS_LABEL[status]} ${list.length} 人**：${who(list)}`;
}

/**
 * The 会前学法 card: topic, time, who opened it, and who signed in or asked for leave.
 * Open: buttons 签到/请假 (with the reason input) and the admin row (补签, 结束).
 * Closed: the absentees, and 补签 only.
 */
export function studySessionCard(view: StudySessionView, timeZone: string): CardJson {
  const { session, attendees } = view;
  const card = loadTemplate('study-session');
  const by = (s: AttendanceStatus) => attendees.filter((a) => a.status === s);
  const closed = session.closedAt !== null;

  setHeader(card, { subtitle: session.topic, ...(closed ? { template: 'grey' } : {}) });

  const state = closed ? `已结束（${minuteIn(session.closedAt!, timeZone)}）` : '进行中';
  setElement(card, 'info', {
    content: [
      `**学习主题**：${escapeMarkdown(session.topic)}`,
      `**学习时间**：${minuteIn(session.openedAt, timeZone)}`,
      `**发起人**：${escapeMarkdown(view.openerName)}`,
      `**状态**：${state}`,
    ].join('\n'),
  });
  setElement(card, 'present_list', { content: line('present', by('present')) });
  setElement(card, 'leave_list', { content: line('leave', by('leave')) });
  if (closed) {
    setElement(card, 'absent_list', { content: line('absent', by('absent')) });
    removeElements(card, ['attend', 'close']);
  } else {
    removeElements(card, ['absent_list']);
  }
  addCallbackValues(card, { session: session.id });
  return card;
}
