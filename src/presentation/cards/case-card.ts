import { categoryLabel, statusLabel } from '../../domain/cases/categories.js';
import { isOpen } from '../../domain/cases/case-rules.js';
import { minuteIn } from '../../domain/dates/days.js';
import type { CaseWithHistory } from '../../store/cases/case-types.js';
import { deadlineStatePhrase, provisionalWarning } from './case-text.js';
import { fill, loadTemplate, md, type CardJson } from './template.js';

interface CaseCardTemplate {
  card: CardJson;
  accept: CardJson;
  resolve: CardJson;
  assign: CardJson;
  handle: CardJson;
}

/** Header template and status tag colour (Lark names: the header has grey, a tag has neutral). */
const STATUS_COLOR: Record<string, [string, string]> = {
  registered: ['blue', 'blue'],
  in_progress: ['orange', 'orange'],
  resolved: ['green', 'green'],
  returned: ['grey', 'neutral'],
};

/** Lark renders the person's name for an open_id; no look-up needed. */
const person = (openId: string) => `<at id=${openId}></at>`;

type HistoryRow = CaseWithHistory['history'][number];

function historyLine(h: HistoryRow, tz: string): string {
  let what: string;
  if (h.kind === 'created') what = '登记';
  else if (h.kind === 'status') what = `${statusLabel(h.fromStatus ?? '')} → ${statusLabel(h.toStatus ?? '')}`;
  else if (h.kind === 'assign') what = `指派给 ${person(h.note ?? '')}`;
  else if (h.kind === 'extend') what = '延期';
  else what = h.kind === 'remind' ? '提醒' : h.kind === 'escalate' ? '督办' : '备注';
  const note = h.note && h.kind !== 'assign' ? `：${md(h.note)}` : '';
  return `- ${minuteIn(h.at, tz)} ${person(h.actorId)} ${what}${note}`;
}

/** The case card: fields, status, deadline and days left, history, and for an open case its actions. */
export function caseCard(c: CaseWithHistory, o: { today: string; tz: string; notice?: string }): CardJson {
  const t = loadTemplate<CaseCardTemplate>('case-card');
  const [headerColor, tagColor] = STATUS_COLOR[c.status] ?? ['blue', 'blue'];
  const vars = { code: c.code, enterprise: c.enterprise.name, status: statusLabel(c.status), headerColor, tagColor };
  const card = fill(t.card, vars);
  const state = deadlineStatePhrase(c, o.today);
  const warning = provisionalWarning(c);
  const fields = [
    `**企业名称**：${md(c.enterprise.name)}`,
    `**诉求类别**：${categoryLabel(c.category)}`,
    `**诉求内容**：${md(c.content)}`,
    `**承办科室**：${c.department ? md(c.department) : '未填写'}`,
    `**受理日期**：${c.receivedDate}`,
    `**办理期限**：${c.deadline}（${c.deadlineDays}个工作日${c.deadline !== c.originalDeadline ? `，原期限${c.originalDeadline}` : ''}）${state ? `　${state}` : ''}`,
    ...(warning ? [`<font color='red'>⚠ ${warning}</font>`] : []),
    `**状态**：${statusLabel(c.status)}`,
    `**上报人**：${person(c.reporterId)}　**承办人**：${c.assigneeId ? person(c.assigneeId) : '未指派'}`,
    ...(c.status === 'resolved' ? [`**办结情况**：${md(c.resolution ?? '')}`, `**办结日期**：${c.resolvedDate ?? ''}`] : []),
    ...(c.status === 'returned' ? [`**退回原因**：${md(c.returnReason ?? '')}`] : []),
  ];
  const elements: CardJson[] = [];
  if (o.notice) elements.push({ tag: 'markdown', content: o.notice });
  elements.push({ tag: 'markdown', content: fields.join('\n') });
  elements.push({ tag: 'hr' });
  elements.push({ tag: 'markdown', content: `**办理记录**\n${c.history.map((h) => historyLine(h, o.tz)).join('\n')}` });
  if (isOpen(c.status)) {
    elements.push({ tag: 'hr' });
    if (c.status === 'registered') elements.push(fill(t.accept, vars));
    // resolved_date has no initial date: Lark submits a preset one unchanged, so a card drawn
    // on registration and clicked weeks later would record the day it was drawn. Left empty,
    // the picker means the day of the click.
    elements.push(fill(t.resolve, vars), fill(t.assign, vars), fill(t.handle, vars));
  }
  (card.body as { elements: CardJson[] }).elements = elements;
  return card;
}
