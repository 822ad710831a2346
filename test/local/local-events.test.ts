import { describe, expect, it } from 'vitest';
import { cardActionPayload, messageReceivePayload } from '../../src/local/local-events.js';
import { fixture } from '../support/lark-payloads.js';

/** Every key path of a JSON value (array items merged), so two payloads can be compared by shape. */
function shape(v: unknown, prefix = ''): string[] {
  if (Array.isArray(v)) return [...new Set(v.flatMap((x) => shape(x, `${prefix}[]`)))];
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [`${prefix}.${k}`, ...shape(x, `${prefix}.${k}`)]);
  return [`${prefix}:${typeof v}`];
}

const now = new Date('2026-03-02T02:00:00Z');

describe('local events have the shapes Lark delivers', () => {
  it('a direct message from the page looks like the p2p fixture', () => {
    const p = messageReceivePayload({ messageId: 'om_1', chatId: 'oc_1', chatType: 'p2p', senderOpenId: 'ou_local_staff_li', text: '/帮助', mentionBot: false, now });
    expect(shape(p).sort()).toEqual(shape(fixture('im.message.receive_v1.p2p-text.json')).sort());
    expect(JSON.parse((p.event.message as any).content)).toEqual({ text: '/帮助' });
  });

  it('a group message mentions the bot as the group fixture does', () => {
    const p = messageReceivePayload({ messageId: 'om_2', chatId: 'oc_2', chatType: 'group', senderOpenId: 'ou_local_staff_li', text: '/总结 2023', mentionBot: true, now });
    const f = fixture('im.message.receive_v1.group-text.json');
    // The fixture carries thread_id and user_agent, which Lark adds for some clients only.
    const optional = ['.event.message.thread_id:string', '.event.message.thread_id', '.event.message.user_agent:string', '.event.message.user_agent'];
    expect(shape(p).sort()).toEqual(shape(f).filter((k) => !optional.includes(k)).sort());
    expect(JSON.parse((p.event.message as any).content).text).toBe('@_user_1 /总结 2023');
  });

  it('a form submit looks like the card.action.trigger fixture', () => {
    const f = fixture('card.action.trigger.form-submit.json');
    const p = cardActionPayload({
      operatorOpenId: 'ou_local_staff_li',
      messageId: 'om_3',
      chatId: 'oc_3',
      tag: 'button',
      name: 'submit',
      value: { action: 'case.submit' },
      formValue: f.event.action.form_value,
      now,
    });
    expect(shape(p).sort()).toEqual(shape(f).sort());
    expect(p.header.event_type).toBe('card.action.trigger');
  });
});
