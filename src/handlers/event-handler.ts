import type { Target } from '../transport/messages.js';
import type { ChatRef, CommandHandler, HandlerContext } from './types.js';

/** Who acted and where the answer goes, as read from one event's body. */
export interface EventOrigin {
  userOpenId: string;
  chat: ChatRef;
  replyTarget: Target;
}

export interface EventContext extends HandlerContext {
  /** The event body (`payload.event`). */
  event: Record<string, unknown>;
  /** The commands, for handlers that run one (the bot menu). */
  commands: CommandHandler[];
}

/** A handler of one Lark event type other than messages and card callbacks. */
export interface EventHandler {
  /** `header.event_type`, e.g. application.bot.menu_v6; also what the long connection subscribes to. */
  type: string;
  /** Undefined when the body lacks what the handler needs (then it is ignored). */
  origin(event: Record<string, unknown>): EventOrigin | undefined;
  run(ctx: EventContext): Promise<void>;
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
