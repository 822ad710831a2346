import { categoryLabel, statusLabel } from '../../domain/cases/categories.js';
import { isOpen } from '../../domain/cases/case-rules.js';
import { minuteIn } from '../../domain/dates/days.js';
import { isOpenId } from '../../domain/people/open-id.js';
import type { CaseWithHistory } from '../../store/cases/case-types.js';
import { SYSTEM_ACTOR } from '../../store/reminders.js';
import { IMPORT_ACTOR } from '../../store/report/import-ledger.js';
import { deadlineStatePhrase, provisionalWarning } from './case-text.js';
import { escapeMarkdown } from './escape-markdown.js';
import { addCallbackValues, loadTemplate, removeElements, setElement, setHeader, type CardJson } from './template.js';

/** Header template and status tag colour (Lark names: the header has grey, a tag has neutral). */
const STATUS_COLOR: Record<string, [string, string]> = {
  registered: ['blue', 'blue'],
  in_progress: ['orange', 'orange'],
  resolved: ['green', 'green'],
  returned: ['grey', 'neutral'],
};

/** Actors that are not people: named in plain words, since a mention of a non-person id shows nothing useful. */
const NOT_PEOPLE: Record<string, string> = { [IMPORT_ACTOR]: '台账导入', [SYSTEM_ACTOR]: '系统' };

/** Lark renders the person's name for an open_id; no look-up needed. */
const person = (id: string) => NOT_PEOPLE[id] ?? (isOpenId(id) ? `<at id=${id}></at>` : escapeMarkdown(id));

type HistoryRow = CaseWithHistory['history'][number];

function historyLine(h: HistoryRow, tz: string): string {
  let what: string;
  if (h.kind === 'created') what = '登记';
  else if (h.kind === 'status') what = `${statusLabel(h.fromStatus ?? '')} → ${statusLabel(h.toStatus ?? '')}`;
  else if (h.kind === 'assign') what = `指派给 ${person(h.note ?? '')}`;
  else if (h.kind === 'extend') what = '延期';
  else what = h.kind === 'remind' ? '提醒' : h.kind === 'escalate' ? '督办' : '备注';
  const note = h.note && h.kind !== 'assign' ? `：${escapeMarkdown(h.note)}` : '';
  return `- ${minuteIn(h.at, tz)} ${person(h.actorId)} ${what}${note}`;
}

function fieldLines(c: CaseWithHistory, today: string): string[] {
  const state = deadlineStatePhrase(c, today);
  const warning = provisionalWarning(c);
  return [
    `**企业名称**：${escapeMarkdown(c.enterprise.name)}`,
    `**诉求类别**：${categoryLabel(c.category)}`,
    `**诉求内容**：${escapeMarkdown(c.content)}`,
    `**承办科室**：${c.department ? escapeMarkdown(c.department) : '未填写'}`,
    `**受理日期**：${c.receivedDate}`,
    `**办理期限**：${c.deadline}（${c.deadlineDays}个工作日${c.deadline !== c.originalDeadline ? `，原期限${c.originalDeadline}` : ''}）${state ? `　${state}` : ''}`,
    ...(warning ? [`<font color='red'>⚠ ${warning}</font>`] : []),
    `**状态**：${statusLabel(c.status)}`,
    `**上报人**：${person(c.reporterId)}　**承办人**：${c.assigneeId ? person(c.assigneeId) : '未指派'}`,
    ...(c.status === 'resolved' ? [`**办结情况**：${escapeMarkdown(c.resolution ?? '')}`, `**办结日期**：${c.resolvedDate ?? ''}`] : []),
    ...(c.status === 'returned' ? [`**退回原因**：${escapeMarkdown(c.returnReason ?? '')}`] : []),
  ];
}

/**
 * The case card (cards/case-card.json): fields, status, deadline and days left, history, and
 * for an open case its actions. `people`: the open_ids the 指派 picker offers; without them
 * Lark offers only the members of the chat the card is in (in a direct chat: nobody to pick).
 */
export function caseCard(c: CaseWithHistory, o: { today: string; tz: string; people: string[]; notice?: string }): CardJson {
  const card = loadTemplate('case-card');
  const [headerColor, tagColor] = STATUS_COLOR[c.status] ?? ['blue', 'blue'];
  setHeader(card, { title: `企业诉求 ${c.code}`, subtitle: c.enterprise.name, template: headerColor });
  setElement(card, 'status_tag', { text: { tag: 'plain_text', content: statusLabel(c.status) }, color: tagColor });
  if (o.notice) setElement(card, 'notice', { content: o.notice });
  else removeElements(card, ['notice']);
  setElement(card, 'fields', { content: fieldLines(c, o.today).join('\n') });
  setElement(card, 'history', { content: `**办理记录**\n${c.history.map((h) => historyLine(h, o.tz)).join('\n')}` });
  if (!isOpen(c.status)) removeElements(card, ['actions_rule', 'accept', 'resolve', 'assign', 'handle']);
  else if (c.status !== 'registered') removeElements(card, ['accept']);
  // resolved_date has no initial date: Lark submits a preset one unchanged, so a card drawn
  // on registration and clicked weeks later would record the day it was drawn. Left empty,
  // the picker means the day of the click.
  if (isOpen(c.status)) setElement(card, 'assignee', { options: o.people.map((value) => ({ value })) });
  addCallbackValues(card, { code: c.code });
  return card;
}
