import { enqueue, type OutboxRequest } from './outbox-request.js';
import type { BotContext, HandlerContext, JobContext, SendOptions, Services } from './context.js';
import { encodeTarget, type Target } from './message.js';
import type { ChatRef } from './people.js';
import { personOf } from './people.js';
import { stableUuid } from './stable-uuid.js';
import type { Logger } from '../logger.js';

/**
 * The context handlers and jobs share. They differ only in `idempotencySeed`: every message
 * stored gets a uuid derived from the seed and its key (or its position in the run), so a
 * run repeated after a crash stores and sends nothing twice.
 */
export function createBotContext(services: Services, run: { idempotencySeed: string; log: Logger; replyOrderKey?: string | undefined }): BotContext {
  let position = 0;
  const uuidOf = (options?: SendOptions) => stableUuid(`${run.idempotencySeed}:${options?.key ?? position++}`);
  const put = async (request: OutboxRequest, options?: SendOptions) => {
    const orderKey = 'to' in request && 'replyTo' in request.to ? run.replyOrderKey : undefined;
    await enqueue(services.db, { ...request, uuid: uuidOf(options), ...(options?.ref ? { ref: options.ref } : {}), ...(orderKey ? { orderKey } : {}) }, services.clock.now());
    services.notifyOutbox();
  };
  return {
    db: services.db,
    config: services.config,
    clock: services.clock,
    log: run.log,
    directory: services.directory,
    registry: services.registry,
    timers: services.timers,
    send: (to, message, options) => put({ kind: 'message', to, message }, options),
    sendFile: (to, file, options) => put({ kind: 'file', to, ...file }, options),
    updateCard: (messageId, card, options) => put({ kind: 'patch', messageId, card }, options),
    sendCloud: (kind, subject, payload, options) => put({ kind, subject, payload }, options),
  };
}

/** A handler's context for one event: messages are keyed by the event id. */
export function createContext(services: Services, event: { eventId: string; userOpenId: string; chat: ChatRef; replyTarget: Target }): HandlerContext {
  // A reply belongs to the conversation it answers: replies of one chat leave in order.
  const chatKey = event.chat.chatId ? encodeTarget({ chatId: event.chat.chatId }) : undefined;
  const base = createBotContext(services, { idempotencySeed: event.eventId, log: services.log.child({ eventId: event.eventId }), replyOrderKey: chatKey });
  return {
    ...base,
    eventId: event.eventId,
    user: personOf(services.config, event.userOpenId),
    chat: event.chat,
    reply: (message, options) => base.send(event.replyTarget, message, options),
  };
}

/** A job's context for one firing: messages are keyed by job and period, so a re-run sends nothing new. */
export function createJobContext(services: Services, firing: { jobId: string; periodKey: string; scheduledAt: Date }): JobContext {
  const log = services.log.child({ job: firing.jobId, period: firing.periodKey });
  return { ...createBotContext(services, { idempotencySeed: `job:${firing.jobId}:${firing.periodKey}`, log }), ...firing };
}
