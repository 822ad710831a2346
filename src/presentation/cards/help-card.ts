import { escapeMarkdown } from './escape-markdown.js';
import { addCallbackValues, loadTemplate, plain, removeElements, setElement, type CardJson } from './template.js';

/** A command as /帮助 lists it. */
export interface HelpEntry {
  id: string;
  usage: string;
  summary: string;
  /** Only admins may use it (and see it). */
  adminOnly?: boolean | undefined;
  /** Only admins and leaders may use it (and see it). */
  leadersToo?: boolean | undefined;
}

/** Which group of the card each command belongs to; a command not named here goes under 设置与其他. */
const GROUPS: Array<{ element: string; title: string; ids: string[] }> = [
  { element: 'cases_list', title: '诉求', ids: ['case.report', 'case.mine', 'case.show', 'case.followup'] },
  { element: 'study_list', title: '学法', ids: ['study.open', 'study.stats'] },
  { element: 'progress_list', title: '进展与总结', ids: ['weekly-report', 'report.summary', 'report.record'] },
];
const OTHER = { element: 'settings_list', title: '设置' };

/** Years offered by the 年度总结 picker: this year and the two before. */
const SUMMARY_YEARS = 3;

export function canSee(e: HelpEntry, who: { isAdmin: boolean; isLeader: boolean }): boolean {
  if (e.adminOnly) return who.isAdmin;
  if (e.leadersToo) return who.isAdmin || who.isLeader;
  return true;
}

function lines(title: string, entries: HelpEntry[]): string {
  // Usages hold <编号>: escaped, or Card JSON 2.0 markdown drops it as an HTML tag.
  return [`**${title}**`, ...entries.map((e) => `${escapeMarkdown(e.usage)}　${escapeMarkdown(e.summary)}`)].join('\n');
}

/**
 * The /帮助 card for one asker: the commands they may use, grouped, each with its one line,
 * and buttons that run the same commands. 年度总结 (with a year picker) only for admins and leaders.
 */
export function helpCard(entries: HelpEntry[], who: { isAdmin: boolean; isLeader: boolean; year: number; chatType: 'p2p' | 'group' }): CardJson {
  const card = loadTemplate('help-card');
  // A card callback names no chat type: the buttons carry the one the card was sent to (router.ts).
  addCallbackValues(card, { chat_type: who.chatType });
  const visible = entries.filter((e) => canSee(e, who));
  const grouped = new Set(GROUPS.flatMap((g) => g.ids));
  for (const g of GROUPS) setElement(card, g.element, { content: lines(g.title, g.ids.flatMap((id) => visible.filter((e) => e.id === id))) });
  const rest = visible.filter((e) => !grouped.has(e.id));
  if (rest.length) setElement(card, OTHER.element, { content: lines(OTHER.title, rest) });
  else removeElements(card, ['hr_settings', OTHER.element]);

  const summary = entries.find((e) => e.id === 'report.summary');
  if (summary && canSee(summary, who)) {
    const years = Array.from({ length: SUMMARY_YEARS }, (_, i) => String(who.year - i));
    setElement(card, 'summary_year', { options: years.map((y) => ({ text: plain(`${y}年`), value: y })), initial_option: years[0] });
  } else removeElements(card, ['summary_form']);
  return card;
}

/** The same list as text, for where a card cannot be shown. */
export function helpText(entries: HelpEntry[], who: { isAdmin: boolean; isLeader: boolean }): string {
  const visible = entries.filter((e) => canSee(e, who));
  const rows = visible.map((e) => `${e.usage}　${e.summary}${e.adminOnly ? '（仅管理员）' : ''}`);
  return `法治助手可用指令：\n${rows.join('\n')}\n在与我的单聊中直接描述企业诉求，即可生成上报卡片。\n在群聊中使用时，请先 @法治助手 再输入指令。`;
}
