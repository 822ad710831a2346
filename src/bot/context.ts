import type { Config } from '../config.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/database.js';
import type { CloudKind } from '../store/sql/queue-sql.js';
import type { CardAction, CardAnswer } from './card-answer.js';
import type { OutFile } from './file.js';
import type { OutMessage, Target } from './message.js';
import type { ChatRef, Directory, Person } from './people.js';
import type { Timers } from './timers.js';

/*
 * The types handlers, jobs and receivers speak: the services of one bot, the context a
 * handler or job is given, and the handlers and jobs the registry (src/handlers/registry.ts)
 * declares. Look-ups over a registry are in registry.ts beside this file.
 */

/** Everything a context is built from; one per running bot. */
export interface Services {
  db: Db;
  config: Config;
  clock: Clock;
  log: Logger;
  directory: Directory;
  /** What the bot reacts to (commands for /帮助, card actions, events, jobs). */
  registry: Registry;
  /** Delayed work of this bot (card refreshes); cleared by `Bot.stop`. */
  timers: Timers;
  /** Tells the outbox worker there is something new to send. */
  notifyOutbox(): void;
}

/**
 * How a message is told apart from the others of one run, so a run repeated after a crash
 * stores (and sends) nothing twice: `key` names it; without one, its position in the run.
 * `ref` lets the Lark message id be found later (see store/outbox-refs.ts).
 */
export interface SendOptions {
  key?: string;
  ref?: string;
}

/**
 * What handlers and jobs share: the bot's services (`log` is the run's own child logger)
 * and ways to send, which wake the outbox themselves. Never the SDK.
 */
export interface BotContext extends Omit<Services, 'notifyOutbox'> {
  /** Sends to any chat or person (e.g. leaders' direct messages). */
  send(to: Target, message: OutMessage, options?: SendOptions): Promise<void>;
  sendFile(to: Target, file: OutFile, options?: SendOptions): Promise<void>;
  /** Replaces an interactive card already sent (PATCH). */
  updateCard(messageId: string, card: Record<string, unknown>, options?: SendOptions): Promise<void>;
  /** Stores cloud work (a document, a Base record or repair) for the outbox, like a message. */
  sendCloud(kind: CloudKind, subject: string, payload: unknown, options?: SendOptions): Promise<void>;
}

/** A handler's context: who, where, and how to answer the event. */
export interface HandlerContext extends BotContext {
  eventId: string;
  user: Person;
  chat: ChatRef;
  /** Answers the conversation the event came from (a reply to the message when there is one). */
  reply(message: OutMessage, options?: SendOptions): Promise<void>;
}

export interface CommandContext extends HandlerContext {
  /** The message that carried the command. */
  messageId: string;
  /** The command's name as typed, without the slash. */
  command: string;
  /** Everything after the command name, trimmed. */
  args: string;
}

export interface ActionContext extends HandlerContext {
  /** The message holding the card that was clicked. */
  messageId: string;
  action: CardAction;
}

/** What a job is given for one firing. */
export interface JobContext extends BotContext {
  jobId: string;
  /** The firing's scheduled minute in BOT_TIMEZONE ('YYYY-MM-DD HH:mm'): the unit of "exactly once". */
  periodKey: string;
  /** When the firing was due; a caught-up run happens later but reports on this instant. */
  scheduledAt: Date;
}

export interface CommandHandler {
  /** Stable id (used in logs and tests). */
  id: string;
  /** Names a user may type after the slash; the first is shown in /帮助. */
  names: string[];
  /** One line for /帮助, e.g. "/诉求 <编号>". */
  usage: string;
  summary: string;
  /** Shown to admins only in /帮助 when true. */
  adminOnly?: boolean;
  /** Shown to admins and leaders only (in /帮助 and the local chat's chips); the handler refuses everyone else. */
  adminsAndLeadersOnly?: boolean;
  run(ctx: CommandContext): Promise<void>;
}

export interface ActionHandler {
  /** Matches `action.value.action` of the card element that was clicked. */
  id: string;
  run(ctx: ActionContext): Promise<CardAnswer>;
}

/** Plain text in a direct chat (no slash) goes here when a handler claims it. */
export interface TextHandler {
  id: string;
  run(ctx: CommandContext): Promise<void>;
}

/** One delivered event, as an event handler gets it. */
export interface IncomingEvent {
  services: Services;
  eventId: string;
  /** The payload's `event` object. */
  event: Record<string, unknown>;
}

/**
 * What the bot does with one Lark event type. Receivers subscribe to exactly these types.
 * `card.action.trigger` is answered while Lark waits; other types are handled after the ack.
 */
export interface EventHandler {
  type: string;
  handle(incoming: IncomingEvent): Promise<CardAnswer | void>;
  /** Called once when handling failed for good (e.g. to tell the sender). */
  giveUp?(incoming: IncomingEvent): Promise<void>;
}

/** A scheduled job, declared as data. */
export interface JobDefinition {
  id: string;
  /** Cron pattern in BOT_TIMEZONE (croner syntax; day-of-month and day-of-week combine with OR). */
  cron: string;
  /** One line for the logs and the README. */
  summary: string;
  /** Runs one firing; returns a short outcome kept in job_runs. */
  run(ctx: JobContext): Promise<string | void>;
}

/** Everything the bot reacts to, declared in one place (src/handlers/registry.ts). */
export interface Registry {
  events: EventHandler[];
  commands: CommandHandler[];
  actions: ActionHandler[];
  textHandler?: TextHandler | undefined;
  /** Jobs for a configuration (the weekly post's time is configurable). */
  jobs(config: Config): JobDefinition[];
}
