import { categoryLabel, statusLabel } from '../../domain/cases/categories.js';
import type { CaseRecord } from '../../store/cases/case-types.js';
import { daysLeftPhrase } from './case-text.js';
import { escapeMarkdown } from './escape-markdown.js';
import { loadTemplate, setElement, setHeader, type CardJson } from './template.js';

/** Lark refuses a card over about 30 KB; 60 lines stay well below it. */
export const MY_CASES_SHOWN = 60;

/** /我的 (cards/my-cases.json): open cases, nearest deadline first, with days left or overdue. */
export function myCasesCard(cases: CaseRecord[], today: string): CardJson {
  const card = loadTemplate('my-cases');
  const lines = cases.slice(0, MY_CASES_SHOWN).map(
    (c) =>
      `**${c.code}** ${escapeMarkdown(c.enterprise.name)}｜${categoryLabel(c.category)}｜${statusLabel(c.status)}\n` +
      `　办理期限 ${c.deadline}${c.deadlineProvisional ? '（暂定）' : ''}，${daysLeftPhrase(today, c.deadline)}`,
  );
  setHeader(card, { title: `我的未办结诉求（${cases.length}件）` });
  setElement(card, 'cases', { content: lines.join('\n') + (cases.length > MY_CASES_SHOWN ? `\n……另有${cases.length - MY_CASES_SHOWN}件期限较远的诉求未列出` : '') });
  // No <编号> placeholder: Card JSON 2.0 markdown reads <…> as an HTML tag and drops it.
  setElement(card, 'hint', { content: `发送 /诉求 加编号${cases[0] ? `（如 /诉求 ${cases[0].code}）` : ''}查看详情并办理。` });
  return card;
}
