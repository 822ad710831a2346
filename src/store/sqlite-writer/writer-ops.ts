import type { RawDb } from '../raw-sqlite.js';
import { createCaseOnSqlite, type CaseToStore } from '../cases/create-case-sqlite.js';
import type { CaseWithHistory } from '../cases/case-types.js';
import { sqliteQueues } from '../sql/sqlite-queues.js';
import { knownPeopleOnSqlite } from '../sql/sqlite-dialect.js';
import type { InboxSql, OutboxSql } from '../sql/queue-sql.js';
import type { CheckpointResult } from '../wal-checkpointer.js';

/**
 * What the writer thread does (writer-thread.ts): every write of the inbox and outbox, storing
 * a new case, and the picker's people. One table of them, used by the thread and, when the
 * thread cannot run, by the event loop's own connection, so both run the same statements.
 */
export interface WriterOps {
  'inbox.insert': InboxSql['insert'];
  'inbox.claim': InboxSql['claim'];
  'inbox.complete': InboxSql['complete'];
  'inbox.fail': InboxSql['fail'];
  'outbox.insert': OutboxSql['insert'];
  'outbox.claim': OutboxSql['claim'];
  'outbox.markSent': OutboxSql['markSent'];
  'outbox.markFailed': OutboxSql['markFailed'];
  storeCase(c: CaseToStore): Promise<{ case: CaseWithHistory; created: boolean }>;
  /** The one read here: every case card's 指派 picker asks it, and on the event loop it cost a submission more than any step but storing the case. */
  knownPeople(limit: number): Promise<string[]>;
  /** The checkpoint thread's catch-up (wal-checkpointer.ts): on the writers' connection, so the next write starts the log over. */
  walCatchUp(): Promise<CheckpointResult>;
  /** SQLite's own checkpoints in commits (0: none, the checkpoint thread's; given back when that thread is given up). */
  walAutoCheckpoint(pages: number): Promise<void>;
}

export type WriterOp = keyof WriterOps;

export function writerOps(raw: RawDb): WriterOps {
  const { inbox, outbox } = sqliteQueues(raw);
  return {
    'inbox.insert': inbox.insert,
    'inbox.claim': inbox.claim,
    'inbox.complete': inbox.complete,
    'inbox.fail': inbox.fail,
    'outbox.insert': (row) => outbox.insert(row.blob && !Buffer.isBuffer(row.blob) ? { ...row, blob: asBuffer(row.blob) } : row),
    'outbox.claim': outbox.claim,
    'outbox.markSent': outbox.markSent,
    'outbox.markFailed': outbox.markFailed,
    storeCase: async (c) => createCaseOnSqlite(raw, c),
    knownPeople: async (limit) => knownPeopleOnSqlite(raw, limit),
    walCatchUp: async () => (raw.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[])[0]!,
    walAutoCheckpoint: async (pages) => void raw.pragma(`wal_autocheckpoint = ${Math.floor(pages)}`),
  };
}

/** A Buffer sent to a thread arrives as a plain Uint8Array, which better-sqlite3 does not bind. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
