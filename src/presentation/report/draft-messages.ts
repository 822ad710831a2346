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

/** The draft as one or more Lark posts, split between paragraphs; later parts are titled 「（续N）」. */
export function draftPosts(d: Draft, max = MAX_POST_BYTES): OutMessage[] {
  // 一、二、三 headings in bold, as in the Word file.
  const lines = d.blocks.flatMap((b) => pieces(b.kind === 'h1' ? b.text : `${b.lead ?? ''}${b.text}`, max).map((text) => ({ text, bold: b.kind === 'h1' })));
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
