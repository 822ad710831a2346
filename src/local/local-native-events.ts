import type { LarkEventPayload } from '../transport/verify.js';
import { header, userIds } from './local-events.js';

/**
 * The bot menu, bot-added and first-visit events as Lark delivers them (the documented
 * bodies, see test/fixtures/README.md), built from what the web chat did.
 */

export function menuPayload(o: { operatorOpenId: string; operatorName: string; eventKey: string; now: Date }): LarkEventPayload {
  return {
    schema: '2.0',
    header: header('application.bot.menu_v6', o.now),
    event: {
      operator: { operator_name: o.operatorName, operator_id: userIds(o.operatorOpenId) },
      event_key: o.eventKey,
      timestamp: Math.floor(o.now.getTime() / 1000),
    },
  };
}

export function botAddedPayload(o: { chatId: string; chatName: string; operatorOpenId: string; now: Date }): LarkEventPayload {
  return {
    schema: '2.0',
    header: header('im.chat.member.bot.added_v1', o.now),
    event: {
      chat_id: o.chatId,
      operator_id: userIds(o.operatorOpenId),
      external: false,
      operator_tenant_key: 'local_tenant',
      name: o.chatName,
      i18n_names: { zh_cn: o.chatName, en_us: o.chatName, ja_jp: o.chatName },
    },
  };
}

export function p2pEnteredPayload(o: { chatId: string; operatorOpenId: string; lastMessageId: string; now: Date }): LarkEventPayload {
  return {
    schema: '2.0',
    header: header('im.chat.access_event.bot_p2p_chat_entered_v1', o.now),
    event: {
      chat_id: o.chatId,
      operator_id: userIds(o.operatorOpenId),
      last_message_id: o.lastMessageId,
      last_message_create_time: String(o.now.getTime()),
    },
  };
}
