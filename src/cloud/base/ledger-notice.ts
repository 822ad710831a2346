import { outboxRowOf } from '../../bot/outbox-request.js';
import { stableUuid } from '../../bot/stable-uuid.js';
import type { Config } from '../../config.js';
import type { Notice } from '../../store/cases/change-case.js';

/** What a 'ledger' outbox row carries: the case is read when it is sent, so the record shows the latest state. */
export interface LedgerPayload {
  appToken: string;
  code: string;
}

/**
 * The outbox row that upserts a case's Base record, or none when the Base is off. `seed` makes
 * its uuid (the event or job and what happened), so a repeated run stores it once. Its order
 * key is the case: one case's upserts go out one after another.
 */
export function ledgerRows(config: Pick<Config, 'BOT_BITABLE_APP_TOKEN'>, code: string, seed: string): Notice[] {
  const appToken = config.BOT_BITABLE_APP_TOKEN;
  if (!appToken) return [];
  const payload: LedgerPayload = { appToken, code };
  return [outboxRowOf({ kind: 'ledger', subject: code, payload, uuid: stableUuid(`${seed}:ledger:${code}`) })];
}

/** A change's notices with the case's Base upsert added (stored in the change's transaction); none when there is nothing to store. */
export function withLedger<C extends { code: string }>(config: Pick<Config, 'BOT_BITABLE_APP_TOKEN'>, seed: string, notices?: (changed: C) => Notice[]): ((changed: C) => Notice[]) | undefined {
  if (!config.BOT_BITABLE_APP_TOKEN) return notices;
  return (changed) => [...(notices?.(changed) ?? []), ...ledgerRows(config, changed.code, seed)];
}
