import { clip } from '../domain/text/clean-input.js';
import { isAppError, userMessage } from '../errors.js';
import type { CardAnswer } from '../bot/card-answer.js';
import type { CommandContext } from '../bot/context.js';
import { createContext } from '../bot/create-context.js';
import { encodeTarget, text } from '../bot/message.js';
import { enqueue } from '../bot/outbox-request.js';
import { findAction, findCommand, type IncomingEvent } from '../bot/registry.js';
import { stableUuid } from '../bot/stable-uuid.js';
import { parseCardActionEvent, parseCommand, parseMessageEvent } from './incoming.js';

const UNKNOWN = (name: string) => `未识别的指令「/${clip(name)}」。发送 /帮助 查看可用指令。`;
const HINT = '您好，我是法治助手。发送 /帮助 查看可用指令。';
const FAILED = '抱歉，这条消息处理失败，已记录在案。请稍后重试；如仍不成功，请联系管理员。';

/** Handles one `im.message.receive_v1`: finds the command and runs it. */
export async function routeMessage({ services, eventId, event }: IncomingEvent): Promise<void> {
  const registry = services.registry;
  const m = parseMessageEvent(event);
  if (m.senderType !== 'user' || !m.senderOpenId || !m.chatId) return;
  // In a group the bot acts only when @-mentioned (Lark delivers other group messages only
  // to apps with the read-all permission).
  if (m.chatType === 'group' && !m.mentioned) return;

  const base = createContext(services, {
    eventId,
    userOpenId: m.senderOpenId,
    chat: { chatId: m.chatId, chatType: m.chatType },
    replyTarget: { replyTo: m.messageId },
  });
  if (m.text === undefined) {
    if (m.chatType === 'p2p') await base.reply(text('目前只能识别文字消息。' + HINT));
    return;
  }

  const parsed = parseCommand(m.text);
  const command = parsed ? findCommand(registry, parsed.name) : undefined;
  const ctx = (name: string, args: string): CommandContext => ({ ...base, messageId: m.messageId, command: name, args });
  try {
    if (parsed && command) {
      base.log.info({ command: command.id }, 'command');
      await command.run(ctx(parsed.name, parsed.args));
    } else if (parsed) {
      await base.reply(text(UNKNOWN(parsed.name)));
    } else if (m.text === '') {
      await base.reply(text(HINT));
    } else if (m.chatType === 'p2p' && registry.textHandler) {
      await registry.textHandler.run(ctx('', m.text));
    } else {
      // "@法治助手 帮助" without the slash still works when the first word is a command.
      const [first = '', ...rest] = m.text.split(' ');
      const bare = findCommand(registry, first);
      if (bare) await bare.run(ctx(first, rest.join(' ').trim()));
      else await base.reply(text(HINT));
    }
  } catch (e) {
    if (!isAppError(e)) throw e;
    await base.reply(text(userMessage(e)));
  }
}

/** Tells the sender, once, that their message could not be handled after every retry. */
export async function apologize({ services, eventId, event }: IncomingEvent): Promise<void> {
  const m = parseMessageEvent(event);
  if (m.senderType !== 'user' || !m.messageId) return;
  const orderKey = m.chatId ? { orderKey: encodeTarget({ chatId: m.chatId }) } : {};
  await enqueue(services.db, { kind: 'message', to: { replyTo: m.messageId }, message: text(FAILED), uuid: stableUuid(`${eventId}:gave-up`), ...orderKey }, services.clock.now());
  services.notifyOutbox();
}

/** Handles one `card.action.trigger`; returns what the callback answers. */
export async function routeCardAction({ services, eventId, event }: IncomingEvent): Promise<CardAnswer> {
  const a = parseCardActionEvent(event);
  const id = typeof a.action.value.action === 'string' ? a.action.value.action : '';
  const handler = findAction(services.registry, id);
  if (!handler || !a.operatorOpenId) return { toast: { type: 'error', content: '该卡片操作已失效，请发送 /帮助 重新开始' } };
  const base = createContext(services, {
    eventId,
    userOpenId: a.operatorOpenId,
    // The callback names no chat type; cards sent where it matters carry it in their buttons'
    // values (help, greeting, welcome). Otherwise 'group', the cautious reading: what is private
    // (the year's files) then goes to the person, not the chat.
    chat: { chatId: a.chatId, chatType: a.action.value.chat_type === 'p2p' ? 'p2p' : 'group' },
    replyTarget: { chatId: a.chatId },
  });
  try {
    base.log.info({ action: id }, 'card action');
    return await handler.run({ ...base, messageId: a.messageId, action: a.action });
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { toast: { type: 'error', content: userMessage(e) } };
  }
}
