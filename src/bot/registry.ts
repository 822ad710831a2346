import type { ActionHandler, CommandHandler, EventHandler, Registry } from './context.js';

export type { ActionHandler, CommandHandler, EventHandler, IncomingEvent, JobDefinition, Registry, TextHandler } from './context.js';

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
