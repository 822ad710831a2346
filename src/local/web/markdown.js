// Lark's card markdown, the part the bot uses: bold, italic, strike, code, links, headings,
// lists, <font color>, <at>, <text_tag>. Everything is escaped first; only these come back.

export function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

const Q = '(?:&#39;|&quot;)?';
const safeColor = (c) => (/^[a-z-]+$/i.test(c) ? c : 'inherit');

function inline(s, nameOf) {
  return s
    .replace(new RegExp(`&lt;font color=${Q}([\\w-]+)${Q}&gt;([\\s\\S]*?)&lt;/font&gt;`, 'g'), (_, c, t) => `<span class="c-${safeColor(c)}">${t}</span>`)
    .replace(new RegExp(`&lt;text_tag color=${Q}([\\w-]+)${Q}&gt;([\\s\\S]*?)&lt;/text_tag&gt;`, 'g'), (_, c, t) => `<span class="tag tag-${safeColor(c)}">${t}</span>`)
    .replace(new RegExp(`&lt;at (?:id|user_id|open_id)=${Q}([\\w-]+)${Q}&gt;\\s*&lt;/at&gt;`, 'g'), (_, id) => `<span class="at">@${escapeHtml(nameOf(id))}</span>`)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/~~([^~]+)~~/g, '<del>$1</del>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\(((?:https?:\/\/|\/)[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
}

// What the bot writes to show user text as typed (see escapeMarkdown in
// src/presentation/cards/escape-markdown.ts): HTML entities, numeric (&#42;) or named (&nbsp;,
// &lt;), as Lark's rich-text page prescribes, and a backslash before a markup character
// (CommonMark). Lark shows these as the bare character and never as markup, so they are set
// aside before the markup is read and put back as plain text after.
const LITERAL = /\\([\\*_~`[\]])|&#(\d{1,6});|&(lt|gt|amp|nbsp|ensp|emsp);/g;
const ENTITY = { lt: '<', gt: '>', amp: '&', nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003' };
const literal = (ch, code, name) => ch ?? (code ? String.fromCodePoint(Number(code)) : ENTITY[name]);
const SLOT = /\uE000(\d+)\uE001/g;

export function markdownToHtml(src, nameOf = (id) => id) {
  const literals = [];
  const held = String(src ?? '').replace(LITERAL, (_, ch, code, name) => `\uE000${literals.push(literal(ch, code, name)) - 1}\uE001`);
  const lines = escapeHtml(held).split('\n');
  return lines
    .map((line) => {
      const h = /^(#{1,6})\s+(.*)$/.exec(line);
      if (h) return `<div class="md-h md-h${h[1].length}">${inline(h[2], nameOf)}</div>`;
      const li = /^(\s*)[-*+]\s+(.*)$/.exec(line);
      if (li) return `<div class="md-li" style="padding-left:${li[1].length * 6 + 12}px">• ${inline(li[2], nameOf)}</div>`;
      if (/^\s*-{3,}\s*$/.test(line)) return '<hr>';
      return line === '' ? '<div class="md-gap"></div>' : `<div>${inline(line, nameOf)}</div>`;
    })
    .join('')
    .replace(SLOT, (_, i) => escapeHtml(literals[Number(i)]));
}
