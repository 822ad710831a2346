import { cleanDeep, cleanText } from '../domain/text/clean-input.js';
import type { CardAction } from '../bot/card-answer.js';

/** The parts of `im.message.receive_v1` the router uses, read defensively. */
export interface IncomingMessage {
  messageId: string;
  chatId: string;
  chatType: 'p2p' | 'group';
  senderOpenId: string;
  senderType: string;
  messageType: string;
  /** Text with @-mentions removed and whitespace trimmed; undefined for non-text messages. */
  text: string | undefined;
  mentioned: boolean;
}

export interface IncomingCardAction {
  operatorOpenId: string;
  messageId: string;
  chatId: string;
  action: CardAction;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Removes mention placeholders (`@_user_1`, `@_all`) and collapses spaces. */
export function stripMentions(text: string, keys: string[]): string {
  let t = text;
  for (const k of [...keys].sort((a, b) => b.length - a.length)) t = t.split(k).join(' ');
  return t.replace(/@_(user_\d+|all)/g, ' ').replace(/[\s\u3000]+/g, ' ').trim();
}

export function parseMessageEvent(event: Obj): IncomingMessage {
  const sender = obj(event.sender);
  const message = obj(event.message);
  const mentions = Array.isArray(message.mentions) ? message.mentions.map(obj) : [];
  const messageType = str(message.message_type);
  let text: string | undefined;
  if (messageType === 'text') {
    try {
      // The one edge every typed text passes: control and bidi characters end here.
      text = stripMentions(cleanText(str(obj(JSON.parse(str(message.content))).text)), mentions.map((m) => str(m.key)).filter(Boolean));
    } catch {
      text = undefined;
    }
  }
  return {
    messageId: str(message.message_id),
    chatId: str(message.chat_id),
    chatType: message.chat_type === 'p2p' ? 'p2p' : 'group',
    senderOpenId: str(obj(sender.sender_id).open_id),
    senderType: str(sender.sender_type),
    messageType,
    text,
    mentioned: mentions.length > 0,
  };
}

export function parseCardActionEvent(event: Obj): IncomingCardAction {
  // Form values and options are typed or picked by users: cleaned here, once, like message text.
  const action = cleanDeep(obj(event.action));
  const context = obj(event.context);
  const formValue = action.form_value === undefined ? undefined : obj(action.form_value);
  return {
    operatorOpenId: str(obj(event.operator).open_id),
    messageId: str(context.open_message_id),
    chatId: str(context.open_chat_id),
    action: {
      tag: str(action.tag),
      name: typeof action.name === 'string' ? action.name : undefined,
      value: obj(action.value),
      formValue,
      option: typeof action.option === 'string' ? action.option : undefined,
      inputValue: typeof action.input_value === 'string' ? action.input_value : undefined,
    },
  };
}

/** `/总结 2023`, `／总结 2023` → { name: '总结', args: '2023' }; no slash → undefined. */
export function parseCommand(text: string): { name: string; args: string } | undefined {
  const m = /^[/／]\s*(\S+)\s*([\s\S]*)$/.exec(text.trim());
  if (!m) return undefined;
  return { name: m[1]!, args: m[2]!.trim() };
}
