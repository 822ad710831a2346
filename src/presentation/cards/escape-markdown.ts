/**
 * User text shown as typed inside a card's markdown element: no tag (so no stray @all, which
 * makes the card fail to send), no emphasis, no link, no heading, code block, rule or list.
 *
 * Lark's rich-text page (…/card-json-v2-components/content-components/rich-text, 特殊字符转义说明)
 * says characters that markdown reads must be written as HTML entities `&#NN;`. Card markdown
 * is CommonMark (breaking-changes page: 富文本组件支持标准 markdown 语法), where an entity is never
 * markup. So: every markup character anywhere, and what starts a block at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[&<>\\`*_~[\]|$]/g, entity).split('\n').map(escapeLineStart).join('\n');
}

const entity = (ch: string) => `&#${ch.codePointAt(0)};`;

/**
 * A line's start decides its block: four spaces (code), `#` (heading), `-`/`+`/`=` (list, rule,
 * setext heading), `>` (quote: already an entity), `1986.` or `1986)` (ordered list).
 * Leading spaces become no-break spaces, which CommonMark does not count as indentation.
 */
function escapeLineStart(line: string): string {
  const indent = /^[ \t]*/.exec(line)![0];
  const rest = line.slice(indent.length);
  const lead = '&nbsp;'.repeat(indent.length);
  const list = /^(\d+)([.)])/.exec(rest);
  if (list) return `${lead}${list[1]}${entity(list[2]!)}${rest.slice(list[0].length)}`;
  if (/^[#\-+=]/.test(rest)) return `${lead}${entity(rest[0]!)}${rest.slice(1)}`;
  return lead + rest;
}
