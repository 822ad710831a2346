import type { EventHandler, HandlerContext } from '../bot/context.js';
import { createContext } from '../bot/create-context.js';
import { text, type Target } from '../bot/message.js';
import type { ChatRef } from '../bot/people.js';
import { isAppError, userMessage } from '../errors.js';

/** Who acted and where the answer goes, as read from one event's body. */
export interface EventOrigin {
  userOpenId: string;
  chat: ChatRef;
  replyTarget: Target;
}

/** An event about a person or a chat (bot menu, bot added, chat entered), handled with a context like a command. */
export interface ChatEventSpec {
  type: string;
  /** Undefined when the body lacks what the handler needs (then the event is ignored). */
  origin(event: Record<string, unknown>): EventOrigin | undefined;
  run(ctx: HandlerContext & { event: Record<string, unknown> }): Promise<void>;
}

/** The registry's EventHandler for a spec: a context from the origin; a refusal (AppError) is said to the person. */
export function chatEvent(spec: ChatEventSpec): EventHandler {
  return {
    type: spec.type,
    async handle({ services, eventId, event }) {
      const origin = spec.origin(event);
      if (!origin) return void services.log.warn({ eventId, type: spec.type }, 'event without the fields its handler needs; ignored');
      const ctx = createContext(services, { eventId, ...origin });
      try {
        await spec.run({ ...ctx, event });
      } catch (e) {
        if (!isAppError(e)) throw e;
        await ctx.reply(text(userMessage(e)));
      }
    },
  };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});

/** `event.operator_id.open_id` (chat events) or `event.operator.operator_id.open_id` (bot menu). */
export function operatorOf(event: Obj): string {
  const direct = obj(event.operator_id).open_id;
  const nested = obj(obj(event.operator).operator_id).open_id;
  return typeof direct === 'string' ? direct : typeof nested === 'string' ? nested : '';
}

export function chatIdOf(event: Obj): string {
  return typeof event.chat_id === 'string' ? event.chat_id : '';
}
