import { isAppError, userMessage } from '../errors.js';
import { text } from '../transport/messages.js';
import { createContext, type Services } from './context.js';
import type { Registry } from './registry.js';

/** Handles one event of a type declared in `registry.events`; false when no handler claims the type. */
export async function routeEvent(s: Services, reg: Registry, eventId: string, type: string, event: Record<string, unknown>): Promise<boolean> {
  const handler = reg.events?.find((h) => h.type === type);
  if (!handler) return false;
  const origin = handler.origin(event);
  if (!origin) {
    s.log.warn({ eventId, type }, 'event without the fields its handler needs; ignored');
    return true;
  }
  const base = createContext(s, { eventId, ...origin });
  try {
    await handler.run({ ...base, event, commands: reg.commands });
  } catch (e) {
    if (!isAppError(e)) throw e;
    await base.reply(text(userMessage(e)));
  }
  return true;
}
