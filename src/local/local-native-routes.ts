import express, { type Express, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { MENU } from '../handlers/menu.js';
import type { Dispatcher } from '../transport/lark-dispatcher.js';
import type { LarkEventPayload } from '../transport/verify.js';
import { p2pChatId } from './demo-people.js';
import type { LocalLarkApi } from './local-lark-api.js';
import { botAddedPayload, menuPayload, p2pEnteredPayload } from './local-native-events.js';

const menuSchema = z.object({ from: z.string().min(1), key: z.string().min(1).max(30) });
const addSchema = z.object({ from: z.string().min(1), chatId: z.string().min(1) });
const enterSchema = z.object({ from: z.string().min(1) });

/**
 * What the page does that is not a message or a card click, as Lark would report it: a tap
 * on the bot menu, adding the bot to a group, opening the direct chat.
 */
export function mountLocalNativeRoutes(app: Express, o: { api: LocalLarkApi; dispatcher: Dispatcher; clock: Clock }): void {
  const { api } = o;
  const json = express.json({ limit: '16kb' });
  const bad = (res: Response, message: string) => res.status(400).json({ error: message });
  const person = (openId: string) => api.people.find((p) => p.openId === openId);
  const deliver = (payload: LarkEventPayload) => o.dispatcher.receive({ kind: 'event', eventId: payload.header.event_id, eventType: payload.header.event_type, payload });

  app.get('/local/api/menu', (_req, res) => res.json({ items: MENU.map(({ key, label }) => ({ key, label })) }));

  app.post('/local/api/menu', json, async (req: Request, res: Response) => {
    const p = menuSchema.safeParse(req.body);
    if (!p.success) return bad(res, '菜单项无效');
    const who = person(p.data.from);
    if (!who) return bad(res, '身份不存在');
    await deliver(menuPayload({ operatorOpenId: who.openId, operatorName: who.name, eventKey: p.data.key, now: o.clock.now() }));
    return res.json({});
  });

  app.post('/local/api/bot-added', json, async (req: Request, res: Response) => {
    const p = addSchema.safeParse(req.body);
    if (!p.success) return bad(res, '请选择群聊');
    const chat = api.chats.get(p.data.chatId);
    if (!chat || chat.chatType !== 'group') return bad(res, '只能将机器人添加到群聊');
    if (!chat.members.includes(p.data.from)) return bad(res, '您不在该群中');
    await deliver(botAddedPayload({ chatId: chat.chatId, chatName: chat.name, operatorOpenId: p.data.from, now: o.clock.now() }));
    return res.json({});
  });

  app.post('/local/api/p2p-entered', json, async (req: Request, res: Response) => {
    const p = enterSchema.safeParse(req.body);
    if (!p.success || !person(p.data.from)) return bad(res, '身份不存在');
    const chatId = p2pChatId(p.data.from);
    const last = api.messages.filter((m) => m.chatId === chatId).at(-1);
    await deliver(p2pEnteredPayload({ chatId, operatorOpenId: p.data.from, lastMessageId: last?.messageId ?? '', now: o.clock.now() }));
    return res.json({});
  });
}
