import type { CardAnswer } from './card-answer.js';
import type { ActionContext, CommandContext, JobContext, Services } from './context.js';

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
  jobs(config: Services['config']): JobDefinition[];
}

export function findCommand(registry: Pick<Registry, 'commands'>, name: string): CommandHandler | undefined {
  const wanted = name.toLowerCase();
  return registry.commands.find((c) => c.names.some((n) => n.toLowerCase() === wanted));
}

export function findAction(registry: Pick<Registry, 'actions'>, id: string): ActionHandler | undefined {
  return registry.actions.find((a) => a.id === id);
}

export function findEventHandler(registry: Pick<Registry, 'events'>, type: string): EventHandler | undefined {
  return registry.events.find((e) => e.type === type);
}

/** The event types to subscribe to (long connection) and accept (webhook, local chat). */
export function eventTypesOf(registry: Pick<Registry, 'events'>): string[] {
  return registry.events.map((e) => e.type);
}
