import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signatureOf } from '../../src/transport/verify.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures');

export const TOKEN = 'rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV';
export const ENCRYPT_KEY = 'test-encrypt-key-for-the-suite';

export function fixture(name: string): any {
  return JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));
}

/** Encrypts like the Lark platform: AES-256-CBC, key = SHA-256(encryptKey), random IV prefixed. */
export function encrypt(plain: string, key = ENCRYPT_KEY): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(key).digest(), iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** A request as Lark sends it with an encrypt key set: encrypted body, signed headers. */
export function signedRequest(payload: unknown, o: { key?: string; timestamp?: number; nonce?: string } = {}): SignedRequest {
  const key = o.key ?? ENCRYPT_KEY;
  const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(payload), key) });
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = o.nonce ?? randomUUID();
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signatureOf(timestamp, nonce, key, body),
    },
  };
}

/** A p2p or group text message event from the real fixture shape, with fresh ids. */
export function messageEvent(o: { text: string; from?: string; chatId?: string; chatType?: 'p2p' | 'group'; eventId?: string; messageId?: string }): any {
  const group = o.chatType === 'group';
  const e = fixture(group ? 'im.message.receive_v1.group-text.json' : 'im.message.receive_v1.p2p-text.json');
  e.header.event_id = o.eventId ?? randomUUID().replace(/-/g, '');
  e.header.token = TOKEN;
  if (o.from) e.event.sender.sender_id.open_id = o.from;
  e.event.message.message_id = o.messageId ?? `om_${randomUUID().replace(/-/g, '')}`;
  if (o.chatId) e.event.message.chat_id = o.chatId;
  e.event.message.content = JSON.stringify({ text: group ? `@_user_1 ${o.text}` : o.text });
  return e;
}

/** A card callback from the real fixture shape. */
export function cardActionEvent(o: { value: Record<string, unknown>; formValue?: Record<string, unknown>; from?: string; messageId?: string; chatId?: string; eventId?: string; tag?: string; option?: string }): any {
  const e = fixture('card.action.trigger.form-submit.json');
  e.header.event_id = o.eventId ?? randomUUID().replace(/-/g, '');
  e.header.token = TOKEN;
  if (o.from) e.event.operator.open_id = o.from;
  e.event.action = { tag: o.tag ?? 'button', value: o.value, ...(o.formValue ? { form_value: o.formValue, name: 'submit' } : {}), ...(o.option ? { option: o.option } : {}) };
  if (o.messageId) e.event.context.open_message_id = o.messageId;
  if (o.chatId) e.event.context.open_chat_id = o.chatId;
  return e;
}
