import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Directory } from '../handlers/types.js';
import type { Db } from '../store/database.js';
import type { FileType } from '../transport/lark-api.js';
import type { OutMessage, Target } from '../transport/messages.js';

/** What a job is given for one firing. */
export interface JobContext {
  jobId: string;
  /** The firing's scheduled minute in BOT_TIMEZONE ('YYYY-MM-DD HH:mm'): the unit of "exactly once". */
  periodKey: string;
  /** When the firing was due; a caught-up run happens later but reports on this instant. */
  scheduledAt: Date;
  db: Db;
  config: Config;
  clock: Clock;
  log: Logger;
  directory: Directory;
  /**
   * Stores a message for the outbox. `key` names the message within the firing (e.g.
   * `remind:ou_x`), so a run taken over after a crash stores nothing twice.
   */
  send(to: Target, message: OutMessage, key: string): Promise<void>;
  sendFile(to: Target, file: { fileName: string; fileType: FileType; data: Buffer }, key: string): Promise<void>;
}

/** A scheduled job, declared as data: see src/scheduling/jobs.ts. */
export interface JobDefinition {
  id: string;
  /** Cron pattern in BOT_TIMEZONE (croner syntax; day-of-month and day-of-week combine with OR). */
  cron: string;
  /** One line for the logs and the README. */
  summary: string;
  /** Runs one firing; returns a short outcome kept in job_runs. */
  run(ctx: JobContext): Promise<string | void>;
}
