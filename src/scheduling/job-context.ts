import type { Services } from '../handlers/context.js';
import { enqueue, stableUuid, type OutboxRequest } from '../transport/outbox.js';
import type { JobContext } from './job.js';

/** A job's context: messages get uuids derived from job, period and key, so a re-run sends nothing new. */
export function createJobContext(s: Services, o: { jobId: string; periodKey: string; scheduledAt: Date }): JobContext {
  const uuid = (key: string) => stableUuid(`job:${o.jobId}:${o.periodKey}:${key}`);
  const put = async (req: OutboxRequest) => {
    await enqueue(s.db, req);
    s.notifyOutbox();
  };
  return {
    ...o,
    db: s.db,
    config: s.config,
    clock: s.clock,
    log: s.log.child({ job: o.jobId, period: o.periodKey }),
    directory: s.directory,
    send: (to, message, key) => put({ kind: 'message', to, message, uuid: uuid(key) }),
    sendFile: (to, file, key) => put({ kind: 'file', to, ...file, uuid: uuid(key) }),
  };
}
