import express, { type Express, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Dispatcher } from '../transport/lark-dispatcher.js';
import { personOf } from '../bot/people.js';
import type { Registry } from '../bot/registry.js';
import { LOCAL_BOT } from './demo-people.js';
import { cardActionPayload, messageReceivePayload, newId } from './local-events.js';
import type { LocalLarkApi } from './local-lark-api.js';
import { toView } from './message-view.js';

export interface LocalRoutesOptions {
  api: LocalLarkApi;
  dispatcher: Dispatcher;
  config: Config;
  clock: Clock;
  log: Logger;
  registry: Registry;
}

const sendSchema = z.object({
  chatId: z.string().min(1),
  from: z.string().min(1),
  text: z.string().trim().min(1, '请输入内容').max(4000, '内容过长'),
  mention: z.boolean().optional(),
});

const actionSchema = z.object({
  messageId: z.string().min(1),
  from: z.string().min(1),
  tag: z.string().min(1),
  value: z.record(z.string(), z.unknown()).default({}),
  name: z.string().optional(),
  formValue: z.record(z.string(), z.unknown()).optional(),
  option: z.string().optional(),
  inputValue: z.string().optional(),
  checked: z.boolean().optional(),
});

const MAX_WAIT_MS = 25_000;

/** The web chat's JSON API: who is who, messages by chat (long polling), sending, card actions, files. */
export function mountLocalRoutes(app: Express, options: LocalRoutesOptions): void {
  const { api } = options;
  const json = express.json({ limit: '256kb' });
  const bad = (res: Response, message: string) => res.status(400).json({ error: message });
  const memberOf = (chatId: string, openId: string) => api.chats.get(chatId)?.members.includes(openId) ?? false;

  app.get('/local/api/state', (_req, res) => {
    res.json({
      bot: LOCAL_BOT,
      people: api.people.map((p) => ({ ...p, ...personOf(options.config, p.openId) })),
      chats: [...api.chats.values()],
      commands: options.registry.commands.map((c) => ({ name: c.names[0], usage: c.usage, summary: c.summary, adminOnly: !!c.adminOnly, leadersToo: !!c.adminsAndLeadersOnly })),
      revision: api.revision,
    });
  });

  app.get('/local/api/messages', async (req: Request, res: Response) => {
    const chatId = String(req.query.chat ?? '');
    const after = Number(req.query.after ?? 0) || 0;
    const wait = Math.min(MAX_WAIT_MS, Math.max(0, Number(req.query.wait ?? 0) || 0));
    if (!api.chats.has(chatId)) return bad(res, '会话不存在');
    let news = api.since(chatId, after);
    const end = Date.now() + wait;
    while (news.length === 0 && Date.now() < end && !req.socket.destroyed && !api.isClosed) {
      await api.waitForChange(end - Date.now());
      news = api.since(chatId, after);
    }
    return res.json({ revision: api.revision, messages: news.map((m) => toView(api, m)) });
  });

  app.post('/local/api/messages', json, async (req: Request, res: Response) => {
    const p = sendSchema.safeParse(req.body);
    if (!p.success) return bad(res, p.error.issues[0]!.message);
    const { chatId, from, text } = p.data;
    const chat = api.chats.get(chatId);
    if (!chat || !memberOf(chatId, from)) return bad(res, '您不在该会话中');
    const mention = chat.chatType === 'group' && (p.data.mention ?? true);
    const messageId = newId('om_local_');
    api.post({ chatId, senderId: from, msgType: 'text', content: JSON.stringify({ text: mention ? `@${LOCAL_BOT.name} ${text}` : text }), messageId });
    const payload = messageReceivePayload({ messageId, chatId, chatType: chat.chatType, senderOpenId: from, text, mentionBot: mention, now: options.clock.now() });
    await options.dispatcher.receive({ kind: 'event', eventId: payload.header.event_id, eventType: payload.header.event_type, payload });
    return res.json({ messageId });
  });

  app.post('/local/api/actions', json, async (req: Request, res: Response) => {
    const p = actionSchema.safeParse(req.body);
    if (!p.success) return bad(res, p.error.issues[0]!.message);
    const a = p.data;
    const message = api.find(a.messageId);
    if (!message || message.msgType !== 'interactive') return bad(res, '卡片不存在');
    if (!memberOf(message.chatId, a.from)) return bad(res, '您不在该会话中');
    const payload = cardActionPayload({ ...a, operatorOpenId: a.from, chatId: message.chatId, now: options.clock.now() });
    const ack = await options.dispatcher.receive({ kind: 'event', eventId: payload.header.event_id, eventType: payload.header.event_type, payload });
    // Lark replaces the card for everyone when the answer carries one.
    if ('card' in ack && ack.card?.type === 'raw') api.replaceCard(message.messageId, JSON.stringify(ack.card.data));
    options.log.debug({ action: a.value.action, toast: 'toast' in ack ? ack.toast : undefined }, 'local card action answered');
    return res.json(ack);
  });

  app.get('/local/files/:key', (req: Request, res: Response) => {
    const f = api.files.get(String(req.params.key));
    if (!f) return res.status(404).json({ error: '文件不存在' });
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    return res.type(f.fileName.split('.').pop() ?? 'application/octet-stream').send(f.data);
  });
}
