/**
 * What the bot needs of the Lark Open API, as one small interface. The SDK client
 * (lark-client.ts) implements it for a real tenant; local mode implements it in process.
 */
import type { FileType } from '../bot/file.js';
import type { CloudApi } from './cloud-api.js';

export type MsgType = 'text' | 'post' | 'interactive' | 'file' | 'image';
export type ReceiveIdType = 'chat_id' | 'open_id';

export interface LarkApi {
  sendMessage(a: { receiveIdType: ReceiveIdType; receiveId: string; msgType: MsgType; content: string; uuid: string }): Promise<{ messageId: string }>;
  replyMessage(a: { messageId: string; msgType: MsgType; content: string; uuid: string }): Promise<{ messageId: string }>;
  patchMessage(a: { messageId: string; content: string }): Promise<void>;
  uploadFile(a: { fileName: string; fileType: FileType; data: Buffer }): Promise<{ fileKey: string }>;
  /** The user's display name, or undefined when the contact API will not tell. */
  getUserName(openId: string): Promise<string | undefined>;
  /** Members of a chat (open_id and name), every page. */
  listChatMembers(chatId: string): Promise<Array<{ openId: string; name: string }>>;
  /** Cloud documents, Drive and Base (see cloud-api.ts). */
  cloud?: CloudApi;
}

/**
 * Lark codes that mean "too many requests, try later": the Open API's and the IM's, and the
 * Base's (1254290 too many requests, 1254291 write conflict, 1254607 data not ready, 1255040 timeout).
 */
export const RATE_LIMIT_CODES = new Set([99991400, 230020, 1254290, 1254291, 1254607, 1255040]);

/** A failed Open API call, classified once so the outbox knows whether to retry. */
export class LarkApiError extends Error {
  constructor(
    message: string,
    readonly info: { retryable: boolean; httpStatus?: number | undefined; code?: number | undefined },
  ) {
    super(message);
    this.name = 'LarkApiError';
  }

  get retryable(): boolean {
    return this.info.retryable;
  }
}

/** Network errors, HTTP 5xx, HTTP 429 and Lark's rate-limit codes are worth retrying. */
export function isRetryable(httpStatus: number | undefined, code: number | undefined): boolean {
  if (httpStatus === undefined) return true;
  if (httpStatus === 429 || httpStatus >= 500) return true;
  return code !== undefined && RATE_LIMIT_CODES.has(code);
}
