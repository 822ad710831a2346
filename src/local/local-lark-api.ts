import { randomUUID } from 'node:crypto';
import type { FileType, LarkApi, MsgType } from '../transport/lark-api.js';

export interface LocalMessage {
  messageId: string;
  chatId: string;
  msgType: MsgType;
  content: string;
  uuid?: string;
  createdAt: Date;
}

/** The Open API in process, for local mode: messages are kept in memory for the web chat. */
export class LocalLarkApi implements LarkApi {
  readonly messages: LocalMessage[] = [];
  readonly files = new Map<string, { fileName: string; fileType: FileType; data: Buffer }>();
  private readonly byUuid = new Map<string, string>();

  private store(chatId: string, msgType: MsgType, content: string, uuid?: string): { messageId: string } {
    const seen = uuid ? this.byUuid.get(uuid) : undefined;
    if (seen) return { messageId: seen };
    const messageId = `om_local_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    this.messages.push({ messageId, chatId, msgType, content, ...(uuid ? { uuid } : {}), createdAt: new Date() });
    if (uuid) this.byUuid.set(uuid, messageId);
    return { messageId };
  }

  async sendMessage(a: { receiveIdType: 'chat_id' | 'open_id'; receiveId: string; msgType: MsgType; content: string; uuid: string }) {
    return this.store(a.receiveId, a.msgType, a.content, a.uuid);
  }

  async replyMessage(a: { messageId: string; msgType: MsgType; content: string; uuid: string }) {
    const parent = this.messages.find((m) => m.messageId === a.messageId);
    return this.store(parent?.chatId ?? 'unknown', a.msgType, a.content, a.uuid);
  }

  async patchMessage(a: { messageId: string; content: string }) {
    const m = this.messages.find((x) => x.messageId === a.messageId);
    if (m) m.content = a.content;
  }

  async uploadFile(a: { fileName: string; fileType: FileType; data: Buffer }) {
    const fileKey = `file_local_${randomUUID()}`;
    this.files.set(fileKey, a);
    return { fileKey };
  }

  async getUserName(): Promise<string | undefined> {
    return undefined;
  }

  async listChatMembers(): Promise<Array<{ openId: string; name: string }>> {
    return [];
  }
}
