import { randomUUID } from 'node:crypto';
import { cardActionEvent, messageEvent } from '../support/lark-payloads.js';
import { callbackValues, cardNodes, cardText } from '../support/card-nodes.js';
import { STAFF, type TestBot } from '../support/test-bot.js';

/** A valid report form as the card sends it (contract field names). */
export function reportForm(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enterprise: '好得科技有限公司',
    category: 'tax_policy',
    content: '申请兑现2022年度企业所得税扶持政策',
    received_date: '2023-09-28 +0800',
    department: '政策兑现科',
    ...over,
  };
}

export const newMessageId = () => `om_${randomUUID().replace(/-/g, '')}`;

/** Posts signed with the bot's own clock (tests run on a fixed clock in 2023; the webhook allows 5 minutes of skew). */
export function post(t: TestBot, payload: unknown) {
  return t.post(payload, { timestamp: Math.floor(t.bot.clock.now().getTime() / 1000) });
}

/** Sends a text message to the bot. */
export function say(t: TestBot, text: string, o: { from?: string; chatType?: 'p2p' | 'group'; chatId?: string } = {}) {
  return post(t, messageEvent({ text, from: o.from ?? STAFF, ...(o.chatType ? { chatType: o.chatType } : {}), ...(o.chatId ? { chatId: o.chatId } : {}) }));
}

/** Clicks 提交 on a report card (one card = one message id). */
export function submitReport(t: TestBot, o: { form?: Record<string, unknown>; from?: string; messageId?: string } = {}) {
  return post(t, 
    cardActionEvent({ value: { action: 'case.submit' }, formValue: o.form ?? reportForm(), from: o.from ?? STAFF, messageId: o.messageId ?? newMessageId() }),
  );
}

/** Clicks a button of a case card. */
export function caseAction(t: TestBot, action: string, code: string, o: { form?: Record<string, unknown>; from?: string; messageId?: string } = {}) {
  return post(t, 
    cardActionEvent({ value: { action, code }, ...(o.form ? { formValue: o.form } : {}), from: o.from ?? STAFF, messageId: o.messageId ?? newMessageId() }),
  );
}

export { cardText };

/** Every callback action value in a card. */
export function cardActions(card: any): string[] {
  return callbackValues(card)
    .filter((v) => v.action)
    .map((v) => v.action);
}

/** Form element names in a card. */
export function fieldNames(card: any): string[] {
  return cardNodes(card)
    .filter((v) => typeof v.name === 'string' && ['input', 'select_static', 'date_picker', 'select_person'].includes(v.tag))
    .map((v) => v.name);
}

export const fixedClock = (iso: string) => ({ now: () => new Date(iso) });
