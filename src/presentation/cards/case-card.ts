import { categoryLabel, statusLabel } from '../../domain/cases/categories.js';
import { isOpen } from '../../domain/cases/case-rules.js';
import { FOLLOWUP_METHODS, SATISFACTIONS } from '../../domain/cases/followup.js';
import type { CaseWithHistory } from '../../store/cases/case-types.js';
import { deadlineStatePhrase, provisionalWarning } from './case-text.js';
import { historyBlock, person } from './case-history.js';
import { escapeMarkdown } from './escape-markdown.js';
import { followupLines, needsFollowup } from './case-followup.js';
import { addCallbackValues, loadTemplate, plain, removeElements, setElements, setHeader, type CardJson } from './template.js';

/** Header template and status tag colour (Lark names: the header has grey, a tag has neutral). */
const STATUS_COLOR: Record<string, [string, string]> = {
  registered: ['blue', 'blue'],
  in_progress: ['orange', 'orange'],
  resolved: ['green', 'green'],
  returned: ['grey', 'neutral'],
};

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
    ...followupLines(c),
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
  const open = isOpen(c.status);
  // A resolved case without its 回访 keeps one action: the 回访 form.
  const followup = needsFollowup(c);
  const openActions = ['accept', 'resolve', 'assign', 'handle'];
  const actions = !open ? [...openActions, ...(followup ? [] : ['actions_rule'])] : c.status !== 'registered' ? ['accept'] : [];
  const drop = [...(o.notice ? [] : ['notice']), ...(followup ? [] : ['followup']), ...actions];
  if (drop.length) removeElements(card, drop);
  setHeader(card, { title: `企业诉求 ${c.code}`, subtitle: c.enterprise.name, template: headerColor });
  // One walk of the card for every element (every 提交 waits for this card).
  setElements(card, {
    status_tag: { text: { tag: 'plain_text', content: statusLabel(c.status) }, color: tagColor },
    ...(o.notice ? { notice: { content: o.notice } } : {}),
    fields: { content: fieldLines(c, o.today).join('\n') },
    history: { content: historyBlock(c.history, o.tz) },
    // resolved_date has no initial date: Lark submits a preset one unchanged, so a card drawn
    // on registration and clicked weeks later would record the day it was drawn. Left empty,
    // the picker means the day of the click.
    ...(open ? { assignee: { options: o.people.map((value) => ({ value })) } } : {}),
    ...(followup
      ? {
          followup_method: { options: FOLLOWUP_METHODS.map((m) => ({ text: plain(m.label), value: m.value })) },
          satisfaction: { options: SATISFACTIONS.map((m) => ({ text: plain(m.label), value: m.value })) },
        }
      : {}),
  });
  addCallbackValues(card, { code: c.code });
  return card;
}
