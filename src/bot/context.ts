import type { Config } from '../config.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/database.js';
import type { CardAction } from './card-answer.js';
import type { OutFile } from './file.js';
import type { OutMessage, Target } from './message.js';
import type { ChatRef, Directory, Person } from './people.js';
import type { Registry } from './registry.js';
import type { Timers } from './timers.js';
import type { WeeklyProgress } from '../domain/progress/weekly-progress.js';

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
  /** A picture of the weekly chart for chats that cannot draw Lark's chart element (local mode). */
  weeklyChartPicture?: ((progress: WeeklyProgress) => Promise<OutFile | undefined>) | undefined;
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

/** What handlers and jobs share: the store, the clock, the directory and ways to send. Never the SDK. */
export interface BotContext {
  db: Db;
  config: Config;
  clock: Clock;
  log: Logger;
  directory: Directory;
  registry: Registry;
  timers: Timers;
  weeklyChartPicture?: Services['weeklyChartPicture'];
  /** Sends to any chat or person (e.g. leaders' direct messages). */
  send(to: Target, message: OutMessage, options?: SendOptions): Promise<void>;
  sendFile(to: Target, file: OutFile, options?: SendOptions): Promise<void>;
  /** Replaces an interactive card already sent (PATCH). */
  updateCard(messageId: string, card: Record<string, unknown>, options?: SendOptions): Promise<void>;
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
