import { categoryLabel, statusLabel } from '../../domain/cases/categories.js';
import type { FollowupDue } from '../../domain/reminders/followup-reminders.js';
import type { CaseRecord } from '../../store/cases/case-types.js';
import { daysLeftPhrase } from './case-text.js';
import { escapeMarkdown } from './escape-markdown.js';
import { loadTemplate, removeElements, setElement, setHeader, type CardJson } from './template.js';

/** Lark refuses a card over about 30 KB; 60 lines stay well below it. */
export const MY_CASES_SHOWN = 60;

/** 待回访 lines on /我的: with the 60 open ones the card stays well below 30 KB. */
export const MY_FOLLOWUPS_SHOWN = 30;

function followupLines(due: FollowupDue[], o: { overdueFrom: string; days: number }): string {
  const lines = due.slice(0, MY_FOLLOWUPS_SHOWN).map(
    (c) => `**${c.code}** ${escapeMarkdown(c.enterprise)}｜${categoryLabel(c.category)}｜办结 ${c.resolvedDate}${c.resolvedDate <= o.overdueFrom ? `，<font color='red'>已满${o.days}个工作日未回访</font>` : ''}`,
  );
  const more = due.length > MY_FOLLOWUPS_SHOWN ? `\n……另有${due.length - MY_FOLLOWUPS_SHOWN}件较晚办结的诉求未列出` : '';
  return `**待回访（${due.length}件）**\n${lines.join('\n')}${more}\n发送 /回访 加编号（如 /回访 ${due[0]!.code}）填写回访情况。`;
}

/**
 * /我的 (cards/my-cases.json): open cases, nearest deadline first, with days left or overdue;
 * then the resolved ones waiting for 回访 (`followups.overdueFrom`: the latest 办结日期 already
 * past BOT_FOLLOWUP_DAYS working days).
 */
export function myCasesCard(cases: CaseRecord[], today: string, followups: { due: FollowupDue[]; overdueFrom: string; days: number } = { due: [], overdueFrom: '', days: 0 }): CardJson {
  const card = loadTemplate('my-cases');
  const lines = cases.slice(0, MY_CASES_SHOWN).map(
    (c) =>
      `**${c.code}** ${escapeMarkdown(c.enterprise.name)}｜${categoryLabel(c.category)}｜${statusLabel(c.status)}\n` +
      `　办理期限 ${c.deadline}${c.deadlineProvisional ? '（暂定）' : ''}，${daysLeftPhrase(today, c.deadline)}`,
  );
  const waiting = followups.due.length ? `，待回访${followups.due.length}件` : '';
  setHeader(card, { title: cases.length ? `我的未办结诉求（${cases.length}件${waiting}）` : `我的待回访诉求（${followups.due.length}件）` });
  if (cases.length) {
    setElement(card, 'cases', { content: lines.join('\n') + (cases.length > MY_CASES_SHOWN ? `\n……另有${cases.length - MY_CASES_SHOWN}件期限较远的诉求未列出` : '') });
    // No <编号> placeholder: Card JSON 2.0 markdown reads <…> as an HTML tag and drops it.
    setElement(card, 'hint', { content: `发送 /诉求 加编号${cases[0] ? `（如 /诉求 ${cases[0].code}）` : ''}查看详情并办理。` });
  } else removeElements(card, ['cases', 'hint']);
  if (followups.due.length) setElement(card, 'followups', { content: followupLines(followups.due, followups) });
  else removeElements(card, ['followups']);
  return card;
}
