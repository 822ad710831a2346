import { randomUUID } from 'node:crypto';
import type { LarkEventPayload } from '../transport/verify.js';
import { LOCAL_BOT } from './demo-people.js';

/**
 * Schema 2.0 payloads exactly as Lark delivers them (see test/fixtures), built from what the
 * web chat did, so handlers cannot tell a local event from a real one.
 */

const TENANT = 'local_tenant';
const APP_ID = 'cli_local_mode';

export const newId = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, '')}`;

export function header(eventType: string, now: Date): LarkEventPayload['header'] {
  return { event_id: newId(''), event_type: eventType, create_time: String(now.getTime()), token: 'local', app_id: APP_ID, tenant_key: TENANT };
}

export function userIds(openId: string) {
  return { union_id: `on_${openId.slice(3)}`, user_id: openId.slice(3), open_id: openId };
}

export interface LocalTextMessage {
  messageId: string;
  chatId: string;
  chatType: 'p2p' | 'group';
  senderOpenId: string;
  text: string;
  /** @-mentions the bot (as a group member does by typing @法治助手). */
  mentionBot: boolean;
  now: Date;
}

export function messageReceivePayload(m: LocalTextMessage): LarkEventPayload {
  const t = String(m.now.getTime());
  const mentions = m.mentionBot ? [{ key: '@_user_1', id: { union_id: `on_${LOCAL_BOT.openId.slice(3)}`, user_id: '', open_id: LOCAL_BOT.openId }, name: LOCAL_BOT.name, tenant_key: TENANT }] : [];
  return {
    schema: '2.0',
    header: header('im.message.receive_v1', m.now),
    event: {
      sender: { sender_id: userIds(m.senderOpenId), sender_type: 'user', tenant_key: TENANT },
      message: {
        message_id: m.messageId,
        root_id: '',
        parent_id: '',
        create_time: t,
        update_time: t,
        chat_id: m.chatId,
        chat_type: m.chatType,
        message_type: 'text',
        content: JSON.stringify({ text: m.mentionBot ? `@_user_1 ${m.text}` : m.text }),
        mentions,
      },
    },
  };
}

/** What the page reports of a click, a selection or a form submit on a card. */
export interface LocalCardAction {
  operatorOpenId: string;
  messageId: string;
  chatId: string;
  tag: string;
  value: Record<string, unknown>;
  name?: string | undefined;
  formValue?: Record<string, unknown> | undefined;
  option?: string | undefined;
  inputValue?: string | undefined;
  checked?: boolean | undefined;
  now: Date;
}

export function cardActionPayload(a: LocalCardAction): LarkEventPayload {
  const action: Record<string, unknown> = { tag: a.tag, value: a.value };
  if (a.name !== undefined) action.name = a.name;
  if (a.formValue !== undefined) action.form_value = a.formValue;
  if (a.option !== undefined) action.option = a.option;
  if (a.inputValue !== undefined) action.input_value = a.inputValue;
  if (a.checked !== undefined) action.checked = a.checked;
  return {
    schema: '2.0',
    header: header('card.action.trigger', a.now),
    event: {
      operator: { tenant_key: TENANT, ...userIds(a.operatorOpenId) },
      token: newId('c-'),
      action,
      host: 'im_message',
      context: { open_message_id: a.messageId, open_chat_id: a.chatId },
    },
  };
}
