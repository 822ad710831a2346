import type { Config } from '../config.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/database.js';
import { enqueue, stableUuid, type OutboxRequest } from '../transport/outbox.js';
import { encodeTarget, type Target } from '../transport/messages.js';
import type { ChatRef, Directory, HandlerContext, Person } from './types.js';

/** Everything a context is built from; one per running bot. */
export interface Services {
  db: Db;
  config: Config;
  clock: Clock;
  log: Logger;
  directory: Directory;
  /** Tells the outbox worker there is something new to send. */
  notifyOutbox(): void;
}

export function personOf(config: Config, openId: string): Person {
  return { openId, isAdmin: config.BOT_ADMINS.includes(openId), isLeader: config.BOT_LEADERS.includes(openId) };
}

/**
 * Builds a handler's context. Every message it sends gets a uuid derived from the event id
 * and its position, so a handler run again after a crash stores (and sends) nothing twice.
 */
export function createContext(
  s: Services,
  e: { eventId: string; userOpenId: string; chat: ChatRef; replyTarget: Target },
): HandlerContext {
  let seq = 0;
  const nextUuid = () => stableUuid(`${e.eventId}:${seq++}`);
  // A reply belongs to the conversation it answers: replies of one chat leave in order.
  const chatKey = e.chat.chatId ? encodeTarget({ chatId: e.chat.chatId }) : undefined;
  const put = async (req: OutboxRequest) => {
    const orderKey = req.kind !== 'patch' && 'replyTo' in req.to ? chatKey : undefined;
    await enqueue(s.db, { ...req, uuid: req.uuid ?? nextUuid(), ...(orderKey ? { orderKey } : {}) }, s.clock.now());
    s.notifyOutbox();
  };
  return {
    eventId: e.eventId,
    user: personOf(s.config, e.userOpenId),
    chat: e.chat,
    db: s.db,
    config: s.config,
    clock: s.clock,
    log: s.log.child({ eventId: e.eventId }),
    directory: s.directory,
    reply: (message, opts) => put({ kind: 'message', to: e.replyTarget, message, ...(opts?.ref ? { ref: opts.ref } : {}) }),
    send: (to, message, opts) => put({ kind: 'message', to, message, ...(opts?.ref ? { ref: opts.ref } : {}) }),
    sendFile: (to, file) => put({ kind: 'file', to, ...file }),
    updateCard: (messageId, card) => put({ kind: 'patch', messageId, card }),
  };
}
