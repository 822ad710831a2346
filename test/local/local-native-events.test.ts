import { describe, expect, it } from 'vitest';
import { botAddedPayload, menuPayload, p2pEnteredPayload } from '../../src/local/local-native-events.js';
import { fixture } from '../support/lark-payloads.js';

/** Every key path of a JSON value with its type, so two payloads can be compared by shape. */
function shape(v: unknown, prefix = ''): string[] {
  if (Array.isArray(v)) return [...new Set(v.flatMap((x) => shape(x, `${prefix}[]`)))];
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [`${prefix}.${k}`, ...shape(x, `${prefix}.${k}`)]);
  return [`${prefix}:${typeof v}`];
}

const now = new Date('2026-03-02T02:00:00Z');

describe('the page’s menu taps, bot adds and visits have the documented shapes', () => {
  it('a menu tap looks like application.bot.menu_v6', () => {
    const p = menuPayload({ operatorOpenId: 'ou_local_staff_li', operatorName: '李婷', eventKey: 'weekly', now });
    expect(shape(p).sort()).toEqual(shape(fixture('application.bot.menu_v6.json')).sort());
    expect(p.event).toMatchObject({ event_key: 'weekly', operator: { operator_id: { open_id: 'ou_local_staff_li' } } });
  });

  it('adding the bot looks like im.chat.member.bot.added_v1', () => {
    const p = botAddedPayload({ chatId: 'oc_local_group_service', chatName: '企业服务专班', operatorOpenId: 'ou_local_admin_chen', now });
    expect(shape(p).sort()).toEqual(shape(fixture('im.chat.member.bot.added_v1.json')).sort());
  });

  it('opening the direct chat looks like im.chat.access_event.bot_p2p_chat_entered_v1', () => {
    const p = p2pEnteredPayload({ chatId: 'oc_local_p2p_staff_li', operatorOpenId: 'ou_local_staff_li', lastMessageId: 'om_1', now });
    expect(shape(p).sort()).toEqual(shape(fixture('im.chat.access_event.bot_p2p_chat_entered_v1.json')).sort());
  });
});
