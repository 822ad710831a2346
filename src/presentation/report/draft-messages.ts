import type { OutMessage, PostParagraph } from '../../bot/message.js';
import type { Draft } from './render-draft.js';

/**
 * Lark refuses a post whose request body is over 30 KB; stay well below it (Chinese is 3 bytes
 * a character in UTF-8, and JSON adds its quotes and tags).
 */
export const MAX_POST_BYTES = 24_000;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** A paragraph longer than the limit is cut after a full stop (or anywhere, as a last resort). */
function pieces(line: string, max: number): string[] {
  if (bytes(line) <= max) return [line];
  const out: string[] = [];
  let cur = '';
  for (const sentence of line.split(/(?<=[。；])/)) {
    for (let s = sentence; s; ) {
      const room = Math.floor((max - bytes(cur)) / 3);
      if (bytes(cur + s) <= max) {
        cur += s;
        s = '';
      } else if (cur) {
        out.push(cur);
        cur = '';
      } else {
        out.push(s.slice(0, room));
        s = s.slice(room);
      }
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** The heading of the closing list of sentences the records do not support. */
export const CHECKS_HEADING = '请核实';

/** 「请核实」 and one line per flagged sentence, or nothing when every claim has its record. */
export function checkLines(d: Draft): Array<{ text: string; bold: boolean }> {
  if (d.checks.length === 0) return [];
  return [
    { text: CHECKS_HEADING, bold: true },
    { text: `以下表述在本年度台账中没有对应记录，Word 文件中已标黄并加批注，请核实后保留或删除：`, bold: false },
    ...d.checks.map((c, i) => ({ text: `${i + 1}. 「${c.claim}」：${c.note}。`, bold: false })),
  ];
}

/** The draft as one or more Lark posts, split between paragraphs; later parts are titled 「（续N）」. */
export function draftPosts(d: Draft, max = MAX_POST_BYTES): OutMessage[] {
  // 一、二、三 headings in bold, as in the Word file.
  const body = d.blocks.map((b) => ({ text: b.kind === 'h1' ? b.text : `${b.lead ?? ''}${b.text}`, bold: b.kind === 'h1' }));
  const lines = [...body, ...checkLines(d)].flatMap((l) => pieces(l.text, max).map((text) => ({ text, bold: l.bold })));
  const posts: Array<typeof lines> = [[]];
  let size = 0;
  for (const line of lines) {
    const cost = bytes(JSON.stringify(line.text)) + 60;
    if (size + cost > max && posts[posts.length - 1]!.length > 0) {
      posts.push([]);
      size = 0;
    }
    posts[posts.length - 1]!.push(line);
    size += cost;
  }
  return posts.map((ls, i) => ({
    type: 'post',
    post: {
      title: i === 0 ? d.title : `${d.title}（续${i + 1}）`,
      content: ls.map(({ text, bold }): PostParagraph => [bold ? { tag: 'text', text, style: ['bold'] } : { tag: 'text', text }]),
    },
  }));
}
