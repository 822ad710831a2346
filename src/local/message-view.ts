import { checkCard } from '../presentation/cards/card-check.js';
import type { LocalLarkApi, LocalMessage } from './local-lark-api.js';
import { LOCAL_BOT } from './demo-people.js';

/** A message as the page shows it: content parsed, sender named, files linked. */
export interface MessageView {
  messageId: string;
  chatId: string;
  senderId: string;
  senderName: string;
  fromBot: boolean;
  msgType: string;
  content: unknown;
  /**
   * For a card: what the card check found (empty when sound). The page draws a card with
   * findings as the findings, not as the card, since the Lark client would refuse it.
   */
  cardFindings?: string[];
  parent?: { messageId: string; senderName: string; preview: string } | undefined;
  file?: { fileKey: string; fileName: string; size: number; url: string } | undefined;
  createdAt: string;
  updated: boolean;
  rev: number;
}

function parse(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return { text: content };
  }
}

/** A one-line preview for the quote above a reply. */
export function previewOf(m: LocalMessage): string {
  const c = parse(m.content) as Record<string, unknown>;
  if (m.msgType === 'text' && typeof c.text === 'string') return c.text.replace(/@_user_\d+\s*/g, '').slice(0, 60);
  if (m.msgType === 'interactive') return '[卡片]';
  if (m.msgType === 'file') return '[文件]';
  if (m.msgType === 'post') return '[富文本]';
  return `[${m.msgType}]`;
}

export function toView(api: LocalLarkApi, m: LocalMessage): MessageView {
  const nameOf = (id: string) => (id === LOCAL_BOT.openId ? LOCAL_BOT.name : (api.people.find((p) => p.openId === id)?.name ?? id));
  const content = parse(m.content);
  const parent = m.parentId ? api.find(m.parentId) : undefined;
  let file: MessageView['file'];
  if (m.msgType === 'file') {
    const key = String((content as Record<string, unknown>).file_key ?? '');
    const f = api.files.get(key);
    if (f) file = { fileKey: key, fileName: f.fileName, size: f.data.length, url: `/local/files/${encodeURIComponent(key)}` };
  }
  return {
    messageId: m.messageId,
    chatId: m.chatId,
    senderId: m.senderId,
    senderName: nameOf(m.senderId),
    fromBot: m.senderId === LOCAL_BOT.openId,
    msgType: m.msgType,
    content,
    ...(m.msgType === 'interactive' ? { cardFindings: checkCard(content) } : {}),
    parent: parent ? { messageId: parent.messageId, senderName: nameOf(parent.senderId), preview: previewOf(parent) } : undefined,
    file,
    createdAt: m.createdAt.toISOString(),
    updated: m.updated,
    rev: m.rev,
  };
}
