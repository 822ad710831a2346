import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../logger.js';
import type { FileType } from '../bot/file.js';
import { LarkApiError, type LarkApi, type MsgType, type ReceiveIdType } from './lark-api.js';
import { call } from './sdk-call.js';
import { sdkLogger } from './sdk-logger.js';
import { createCloudClient } from './lark-cloud-client.js';

/** Bounds every Open API call so a hanging server cannot hold a worker forever. */
const REQUEST_TIMEOUT_MS = 15_000;

export interface LarkClientOptions {
  appId: string;
  appSecret: string;
  domain: string;
  log: Logger;
}

/** The only user of the SDK's Client: the Open API behind the LarkApi interface. */
export function createLarkClient(options: LarkClientOptions): LarkApi {
  const client = new lark.Client({
    appId: options.appId,
    appSecret: options.appSecret,
    domain: options.domain,
    appType: lark.AppType.SelfBuild,
    logger: sdkLogger(options.log),
    loggerLevel: lark.LoggerLevel.warn,
  });
  // The SDK's axios instance (shared by every Client in the process) has no timeout by default.
  const axiosDefaults = (client.httpInstance as unknown as { defaults?: { timeout?: number } }).defaults;
  if (axiosDefaults) axiosDefaults.timeout = REQUEST_TIMEOUT_MS;

  return {
    cloud: createCloudClient(client),
    async sendMessage({ receiveIdType, receiveId, msgType, content, uuid }) {
      const data = await call('im.message.create', () =>
        client.im.message.create({ params: { receive_id_type: receiveIdType as ReceiveIdType }, data: { receive_id: receiveId, msg_type: msgType as MsgType, content, uuid } }),
      );
      return { messageId: data.message_id ?? '' };
    },
    async replyMessage({ messageId, msgType, content, uuid }) {
      const data = await call('im.message.reply', () => client.im.message.reply({ path: { message_id: messageId }, data: { msg_type: msgType, content, uuid } }));
      return { messageId: data.message_id ?? '' };
    },
    async patchMessage({ messageId, content }) {
      await call('im.message.patch', () => client.im.message.patch({ path: { message_id: messageId }, data: { content } }));
    },
    async uploadFile({ fileName, fileType, data }) {
      // The SDK returns only `data` for uploads, so a missing key is the error signal.
      const res = await call<{ file_key?: string }>('im.file.create', async () => {
        const d = await client.im.file.create({ data: { file_type: fileType as FileType, file_name: fileName, file: data } });
        return d ? { code: 0, data: d } : { code: -1, msg: 'upload returned no file_key' };
      });
      if (!res.file_key) throw new LarkApiError('im.file.create: no file_key', { retryable: true });
      return { fileKey: res.file_key };
    },
    async getUserName(openId) {
      try {
        const data = await call('contact.user.get', () => client.contact.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }));
        return data.user?.name || undefined;
      } catch (e) {
        options.log.debug({ err: (e as Error).message }, 'contact name unavailable');
        return undefined;
      }
    },
    async listChatMembers(chatId) {
      const members: Array<{ openId: string; name: string }> = [];
      let pageToken: string | undefined;
      for (let page = 0; page < 100; page++) {
        const data = await call('im.chatMembers.get', () =>
          client.im.chatMembers.get({ path: { chat_id: chatId }, params: { member_id_type: 'open_id', page_size: 100, ...(pageToken ? { page_token: pageToken } : {}) } }),
        );
        for (const m of data.items ?? []) if (m.member_id) members.push({ openId: m.member_id, name: m.name ?? '' });
        if (!data.has_more || !data.page_token) break;
        pageToken = data.page_token;
      }
      return members;
    },
  };
}
