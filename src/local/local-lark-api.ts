import { randomUUID } from 'node:crypto';
import type { FileType } from '../bot/file.js';
import { LarkApiError, type LarkApi, type MsgType } from '../transport/lark-api.js';
import { LocalCloud } from './local-cloud.js';
import { DEMO_PEOPLE, demoChats, LOCAL_BOT, p2pChatId, type DemoChat, type DemoPerson } from './demo-people.js';

export interface LocalMessage {
  messageId: string;
  chatId: string;
  /** The bot's open_id for what the bot sent, the person's for what the page sent. */
  senderId: string;
  msgType: MsgType;
  /** Lark's content JSON string (text, post, card, file_key). */
  content: string;
  /** The message this one replies to. */
  parentId?: string;
  uuid?: string;
  createdAt: Date;
  /** Bumped on every change (creation, PATCH, card answer), so the page asks only for news. */
  rev: number;
  updated: boolean;
}

export interface LocalFile {
  fileName: string;
  fileType: FileType;
  data: Buffer;
}

/**
 * The Open API in process, for local mode: what the bot sends is kept in memory (the chat
 * history is lost on restart; the database is not) and read by the web chat.
 */
export class LocalLarkApi implements LarkApi {
  readonly messages: LocalMessage[] = [];
  readonly files = new Map<string, LocalFile>();
  readonly people: DemoPerson[];
  readonly chats = new Map<string, DemoChat>();
  /** The draft's cloud documents and the Base ledger, shown by the local pages (cloud-pages.ts). */
  readonly cloud = new LocalCloud((documentId) => `/local/docs/${documentId}`);
  private readonly byUuid = new Map<string, string>();
  private rev = 0;
  private waiters = new Set<() => void>();
  private closed = false;

  constructor(options: { people?: DemoPerson[] } = {}) {
    this.people = options.people ?? DEMO_PEOPLE;
    for (const c of demoChats(this.people)) this.chats.set(c.chatId, c);
  }

  get revision(): number {
    return this.rev;
  }

  /** True after close(): long polls answer at once, so the server can stop without waiting for them. */
  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    for (const w of [...this.waiters]) w();
  }

  /** Resolves at the next change or after `ms`, for long polling. */
  waitForChange(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  private changed(): number {
    this.rev++;
    for (const w of [...this.waiters]) w();
    return this.rev;
  }

  /** Stores a message in a chat; a second call with the same uuid stores nothing (as Lark does). */
  post(m: { chatId: string; senderId: string; msgType: MsgType; content: string; parentId?: string; uuid?: string; messageId?: string }): LocalMessage {
    const seen = m.uuid ? this.byUuid.get(m.uuid) : undefined;
    if (seen) return this.find(seen)!;
    const messageId = m.messageId ?? `om_local_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    this.chatOf(m.chatId);
    const row: LocalMessage = { messageId, chatId: m.chatId, senderId: m.senderId, msgType: m.msgType, content: m.content, createdAt: new Date(), rev: 0, updated: false };
    if (m.parentId) row.parentId = m.parentId;
    if (m.uuid) {
      row.uuid = m.uuid;
      this.byUuid.set(m.uuid, messageId);
    }
    this.messages.push(row);
    row.rev = this.changed();
    return row;
  }

  find(messageId: string): LocalMessage | undefined {
    return this.messages.find((m) => m.messageId === messageId);
  }

  /** Replaces a card's content (a PATCH, or the card in a callback's answer). */
  replaceCard(messageId: string, content: string): void {
    const m = this.find(messageId);
    if (!m || m.msgType !== 'interactive') throw new LarkApiError(`message ${messageId} is not a card sent by the bot`, { retryable: false, httpStatus: 400, code: 230001 });
    m.content = content;
    m.updated = true;
    m.rev = this.changed();
  }

  /** Messages of a chat changed after `rev`. */
  since(chatId: string, rev: number): LocalMessage[] {
    return this.messages.filter((m) => m.chatId === chatId && m.rev > rev).sort((a, b) => a.rev - b.rev);
  }

  /** A known chat, or one met for the first time (e.g. a BOT_REPORT_CHAT_ID of another tenant). */
  chatOf(chatId: string): DemoChat {
    let c = this.chats.get(chatId);
    if (!c) {
      c = { chatId, name: `群聊 ${chatId}`, chatType: 'group', members: this.people.map((p) => p.openId) };
      this.chats.set(chatId, c);
    }
    return c;
  }

  async sendMessage(a: { receiveIdType: 'chat_id' | 'open_id'; receiveId: string; msgType: MsgType; content: string; uuid: string }) {
    const chatId = a.receiveIdType === 'open_id' ? this.directChat(a.receiveId) : a.receiveId;
    return { messageId: this.post({ chatId, senderId: LOCAL_BOT.openId, msgType: a.msgType, content: a.content, uuid: a.uuid }).messageId };
  }

  async replyMessage(a: { messageId: string; msgType: MsgType; content: string; uuid: string }) {
    const parent = this.find(a.messageId);
    if (!parent) throw new LarkApiError(`message ${a.messageId} not found`, { retryable: false, httpStatus: 400, code: 230011 });
    const m = this.post({ chatId: parent.chatId, senderId: LOCAL_BOT.openId, msgType: a.msgType, content: a.content, parentId: parent.messageId, uuid: a.uuid });
    return { messageId: m.messageId };
  }

  async patchMessage(a: { messageId: string; content: string }) {
    this.replaceCard(a.messageId, a.content);
  }

  async uploadFile(a: { fileName: string; fileType: FileType; data: Buffer }) {
    const fileKey = `file_local_${randomUUID().replace(/-/g, '')}`;
    this.files.set(fileKey, { fileName: a.fileName, fileType: a.fileType, data: Buffer.from(a.data) });
    return { fileKey };
  }

  async getUserName(openId: string): Promise<string | undefined> {
    return this.people.find((p) => p.openId === openId)?.name;
  }

  async listChatMembers(chatId: string): Promise<Array<{ openId: string; name: string }>> {
    const c = this.chats.get(chatId);
    if (!c) return [];
    return c.members.map((id) => ({ openId: id, name: this.people.find((p) => p.openId === id)?.name ?? id }));
  }

  /** The direct chat with a person, created on first use like Lark's p2p chat. */
  private directChat(openId: string): string {
    const chatId = p2pChatId(openId);
    if (!this.chats.has(chatId)) this.chats.set(chatId, { chatId, name: `${LOCAL_BOT.name}（单聊）`, chatType: 'p2p', members: [openId] });
    return chatId;
  }
}
