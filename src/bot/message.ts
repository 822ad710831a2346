/** Where a message goes: a chat, a person (direct message), or a reply to a message. */
export type Target = { chatId: string } | { openId: string } | { replyTo: string };

/** What a handler says; turned into Lark's msg_type and content JSON only at the edge (transport/lark-content.ts). */
export type OutMessage =
  | { type: 'text'; text: string }
  | { type: 'card'; card: Record<string, unknown> }
  | { type: 'post'; post: { title?: string; content: PostParagraph[] } };

export type PostElement = { tag: 'text'; text: string; style?: string[] } | { tag: 'a'; text: string; href: string } | { tag: 'at'; user_id: string };
export type PostParagraph = PostElement[];

export function text(t: string): OutMessage {
  return { type: 'text', text: t };
}

export function card(c: Record<string, unknown>): OutMessage {
  return { type: 'card', card: c };
}

/** A target as the outbox stores it ('chat_id:…', 'open_id:…', 'message:…'). */
export function encodeTarget(target: Target): string {
  if ('chatId' in target) return `chat_id:${target.chatId}`;
  if ('openId' in target) return `open_id:${target.openId}`;
  return `message:${target.replyTo}`;
}

export function decodeTarget(stored: string): Target {
  const i = stored.indexOf(':');
  const kind = stored.slice(0, i);
  const id = stored.slice(i + 1);
  if (kind === 'chat_id') return { chatId: id };
  if (kind === 'open_id') return { openId: id };
  return { replyTo: id };
}
