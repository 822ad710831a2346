import type { Envelope } from './verify.js';
import { CARD_ACTION } from './lark-dispatcher.js';

/** The fields of a schema 2.0 `header`; everything else the SDK flattened came from `event`. */
const HEADER_KEYS = new Set(['event_id', 'event_type', 'create_time', 'token', 'app_id', 'tenant_key']);

/**
 * The SDK's EventDispatcher hands a handler one flat object, `{schema, ...header, ...event}`.
 * This rebuilds the schema 2.0 body the webhook stores, so the inbox and the handlers cannot
 * tell which receiver carried an event. One key collides: a card callback's `event.token`
 * (the token for delayed card updates) overwrote `header.token` (the verification token, of
 * no use on a connection the app secret already authenticated), so for card callbacks
 * `token` goes back to the event. Returns undefined for anything that is not schema 2.0.
 */
export function envelopeFromSdk(flat: Record<string, unknown>): Envelope | undefined {
  if (flat.schema === undefined) return undefined;
  const header: Record<string, unknown> = {};
  const event: Record<string, unknown> = {};
  const card = flat.event_type === CARD_ACTION;
  for (const [key, value] of Object.entries(flat)) {
    if (key === 'schema') continue;
    const inHeader = HEADER_KEYS.has(key) && !(card && key === 'token');
    (inHeader ? header : event)[key] = value;
  }
  const eventId = header.event_id;
  const eventType = header.event_type;
  if (typeof eventId !== 'string' || !eventId || typeof eventType !== 'string' || !eventType) return undefined;
  return {
    kind: 'event',
    eventId,
    eventType,
    payload: { schema: String(flat.schema), header: { ...header, event_id: eventId, event_type: eventType }, event },
  };
}
