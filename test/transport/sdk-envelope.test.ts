import * as lark from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import { envelopeFromSdk } from '../../src/transport/sdk-envelope.js';
import { encrypt, ENCRYPT_KEY, fixture } from '../support/lark-payloads.js';

const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

/** What the SDK's EventDispatcher hands a registered handler for this body. */
async function flattenedBySdk(body: unknown, type: string, encryptKey?: string): Promise<Record<string, unknown>> {
  let seen: Record<string, unknown> | undefined;
  const d = new lark.EventDispatcher({ logger: quiet, ...(encryptKey ? { encryptKey } : {}) }).register({
    [type]: async (data: Record<string, unknown>) => {
      seen = data;
    },
  });
  await d.invoke(body, { needCheck: false });
  if (!seen) throw new Error('the SDK did not call the handler');
  return seen;
}

describe('rebuilding the schema 2.0 body from what the SDK hands a handler', () => {
  it('gives back a message event exactly as Lark sent it', async () => {
    const body = fixture('im.message.receive_v1.p2p-text.json');
    const env = envelopeFromSdk(await flattenedBySdk(body, 'im.message.receive_v1'));
    expect(env).toEqual({ kind: 'event', eventId: body.header.event_id, eventType: 'im.message.receive_v1', payload: body });
  });

  it('gives back a card callback with its card token in the event, where handlers look for it', async () => {
    const body = fixture('card.action.trigger.form-submit.json');
    const env = envelopeFromSdk(await flattenedBySdk(body, 'card.action.trigger'));
    const { token: _verificationToken, ...header } = body.header;
    expect(env).toEqual({ kind: 'event', eventId: body.header.event_id, eventType: 'card.action.trigger', payload: { ...body, header } });
    expect((env as any).payload.event.token).toBe('c-295ee57216a5dc9de90fefd0aadb4b1d7d8f2d2a');
  });

  it('gives back an encrypted event decrypted', async () => {
    const body = fixture('im.message.receive_v1.group-text.json');
    const env = envelopeFromSdk(await flattenedBySdk({ encrypt: encrypt(JSON.stringify(body)) }, 'im.message.receive_v1', ENCRYPT_KEY));
    expect(env?.kind === 'event' && env.payload).toEqual(body);
  });

  it('refuses what is not a schema 2.0 event', () => {
    expect(envelopeFromSdk({ type: 'event_callback', uuid: 'x' })).toBeUndefined();
    expect(envelopeFromSdk({ schema: '2.0', event_type: 'im.message.receive_v1' })).toBeUndefined();
  });
});
