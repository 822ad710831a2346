import type { MsgType } from './lark-api.js';

/** Where a message goes: a chat, a person (direct message), or a reply to a message. */
export type Target = { chatId: string } | { openId: string } | { replyTo: string };

/** What a handler says; turned into Lark's msg_type and content JSON only at the edge. */
export type OutMessage =
  | { type: 'text'; text: string }
  | { type: 'card'; card: Record<string, unknown>; /** Sent as text instead when Lark refuses the card. */ fallback?: string }
  | { type: 'post'; post: { title?: string; content: PostParagraph[] } };

export type PostElement = { tag: 'text'; text: string; style?: string[] } | { tag: 'a'; text: string; href: string } | { tag: 'at'; user_id: string };
export type PostParagraph = PostElement[];

export function text(t: string): OutMessage {
  return { type: 'text', text: t };
}

export function card(c: Record<string, unknown>, fallback?: string): OutMessage {
  return fallback === undefined ? { type: 'card', card: c } : { type: 'card', card: c, fallback };
}

export function toLarkContent(m: OutMessage): { msgType: MsgType; content: string } {
  switch (m.type) {
    case 'text':
      return { msgType: 'text', content: JSON.stringify({ text: m.text }) };
    case 'card':
      return { msgType: 'interactive', content: JSON.stringify(m.card) };
    case 'post':
      return { msgType: 'post', content: JSON.stringify({ zh_cn: { title: m.post.title ?? '', content: m.post.content } }) };
  }
}

export function encodeTarget(t: Target): string {
  if ('chatId' in t) return `chat_id:${t.chatId}`;
  if ('openId' in t) return `open_id:${t.openId}`;
  return `message:${t.replyTo}`;
}

export function decodeTarget(s: string): Target {
  const i = s.indexOf(':');
  const kind = s.slice(0, i);
  const id = s.slice(i + 1);
  if (kind === 'chat_id') return { chatId: id };
  if (kind === 'open_id') return { openId: id };
  return { replyTo: id };
}
