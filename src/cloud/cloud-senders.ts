import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/database.js';
import type { CloudKind, OutboxRow } from '../store/sql/queue-sql.js';
import type { CloudApi } from '../transport/cloud-api.js';
import { sendLedgerRecord } from './base/ledger-sender.js';
import { syncLedger } from './base/ledger-sync.js';
import { sendDocument } from './docs/document-sender.js';

/** The outbox's senders for cloud work, by row kind (transport/outbox.ts calls them). */
export function cloudSenders(o: { db: Db; cloud: CloudApi; config: Config; log: Logger; clock: Clock; docxGapMs?: number }): Record<CloudKind, (row: OutboxRow) => Promise<string | undefined>> {
  const deps = { db: o.db, cloud: o.cloud, log: o.log, clock: o.clock, timezone: o.config.BOT_TIMEZONE, admins: o.config.BOT_ADMINS, ...(o.docxGapMs !== undefined ? { gapMs: o.docxGapMs } : {}) };
  return {
    docx: (row) => sendDocument(row, deps),
    ledger: (row) => sendLedgerRecord(row, deps),
    ledger_sync: (row) => syncLedger(row, deps),
  };
}
