import type { RawDb } from '../raw-sqlite.js';
import type { DialectSql } from '../sql/dialect-sql.js';
import type { QueueSql } from '../sql/queue-sql.js';
import { sqliteDialect } from '../sql/sqlite-dialect.js';
import { sqliteQueues } from '../sql/sqlite-queues.js';
import type { SqliteWriter } from './writer-thread.js';

/** The inbox and outbox on SQLite: writes by the writer thread, reads on the event loop's connection. */
export function writerQueues(raw: RawDb, writer: SqliteWriter): QueueSql {
  const reads = sqliteQueues(raw);
  return {
    inbox: {
      insert: (e) => writer.run('inbox.insert', e),
      storedResponse: reads.inbox.storedResponse,
      findDue: reads.inbox.findDue,
      claim: (id, now, leaseMs) => writer.run('inbox.claim', id, now, leaseMs),
      complete: (id, now, response) => writer.run('inbox.complete', id, now, response),
      fail: (id, failure) => writer.run('inbox.fail', id, failure),
    },
    outbox: {
      insert: (row) => writer.run('outbox.insert', row),
      findDue: reads.outbox.findDue,
      claim: (id, now, leaseUntil) => writer.run('outbox.claim', id, now, leaseUntil),
      markSent: (id, now, messageId) => writer.run('outbox.markSent', id, now, messageId),
      markFailed: (id, failure) => writer.run('outbox.markFailed', id, failure),
    },
    stats: reads.stats,
  };
}

/** The SQLite dialect with new cases stored, and the picker's people read, by the writer thread. */
export function writerDialect(raw: RawDb, writer: SqliteWriter): DialectSql {
  return {
    ...sqliteDialect(raw),
    storeCase: (c) => writer.run('storeCase', c),
    knownPeople: (limit) => writer.run('knownPeople', limit),
  };
}
