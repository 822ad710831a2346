import { dirname, join } from 'node:path';
import { Cron } from 'croner';
import { OPEN_ID_PATTERN } from './domain/people/open-id.js';
import { z } from 'zod';

/** Comma-separated open_ids; blanks and spaces ignored. */
const idList = z
  .string()
  .default('')
  .transform((s) => s.split(/[,，\s]+/).map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(OPEN_ID_PATTERN, '应为以 ou_ 开头的 open_id，用逗号分隔')));

const optionalText = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() !== '' ? s.trim() : undefined));

const FOLLOWUP_DAYS_RULE = '应为 1 到 60 之间的整数（工作日数），例如 5';

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function isValidCron(expr: string): boolean {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return false;
  try {
    new Cron(expr, { paused: true });
    return true;
  } catch {
    return false;
  }
}

/** postgres:// or postgresql:// with a host: the database several replicas can share. */
export function isPostgresUrl(u: string): boolean {
  if (!/^postgres(ql)?:\/\//.test(u)) return false;
  try {
    return new URL(u).hostname !== '';
  } catch {
    return false;
  }
}

/** A database URL fit for logs: the password replaced by ***. */
export function redactDatabaseUrl(u: string): string {
  if (!isPostgresUrl(u)) return u;
  const url = new URL(u);
  if (url.password) url.password = '***';
  return url.toString();
}

const LARK_CREDENTIALS = ['LARK_APP_SECRET', 'LARK_VERIFICATION_TOKEN', 'LARK_ENCRYPT_KEY'] as const;

/** Every environment variable of the contract, in one place. */
export const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Default by mode (see loadConfig): local mode only on loopback, where nobody else can pick an identity. */
    HOST: optionalText,
    DATABASE_URL: z
      .string()
      .default('file:./data/bot.db')
      .refine(
        (u) => u.startsWith('file:') || isPostgresUrl(u),
        '应为 file:路径（SQLite，例如 file:./data/bot.db）或 postgres://用户:密码@主机:5432/库名（PostgreSQL）',
      ),
    LARK_APP_ID: optionalText,
    LARK_APP_SECRET: optionalText,
    LARK_VERIFICATION_TOKEN: optionalText,
    LARK_ENCRYPT_KEY: optionalText,
    LARK_DOMAIN: z.string().url('应为完整网址，例如 https://open.feishu.cn').default('https://open.feishu.cn'),
    LARK_CONNECTION: z.enum(['webhook', 'ws']).default('webhook'),
    BOT_TIMEZONE: z.string().default('Asia/Shanghai').refine(isValidTimeZone, '不是有效的时区名，例如 Asia/Shanghai'),
    BOT_ADMINS: idList,
    BOT_LEADERS: idList,
    BOT_REPORT_CHAT_ID: optionalText,
    BOT_WEEKLY_CRON: z.string().default('0 9 * * 1').refine(isValidCron, '应为 5 段 cron 表达式，例如 0 9 * * 1'),
    BOT_ORG_NAME: z.string().min(1).default('投资促进局'),
    /** A scheduled post missed while the bot was down is caught up once when younger than this. */
    BOT_CATCHUP_HOURS: z.coerce.number().min(0, '应为 0 到 168 之间的小时数').max(168, '应为 0 到 168 之间的小时数').default(24),
    /** Working days after 办结 before a case without 回访 is listed as 待回访 (the office's own rule; 5 by default). */
    BOT_FOLLOWUP_DAYS: z.coerce.number({ message: FOLLOWUP_DAYS_RULE }).int(FOLLOWUP_DAYS_RULE).min(1, FOLLOWUP_DAYS_RULE).max(60, FOLLOWUP_DAYS_RULE).default(5),
    /** A Drive folder the app may write to: /总结 also makes the draft a cloud document there (empty: off). */
    LARK_DOCS_FOLDER_TOKEN: optionalText,
    /** A Base (多维表格) the app may edit: the table 「企业诉求台账」 is kept in it (empty: off). */
    BOT_BITABLE_APP_TOKEN: optionalText,
    /** SQLite online backups: the folder (default: backups/ beside the database file, i.e. data/backups), when, how many daily copies. */
    BOT_BACKUP_DIR: optionalText,
    BOT_BACKUP_CRON: z.string().default('30 2 * * *').refine(isValidCron, '应为 5 段 cron 表达式，例如 30 2 * * *（每天 02:30）'),
    BOT_BACKUP_KEEP: z.coerce.number().int('应为 1 到 365 之间的整数').min(1, '应为 1 到 365 之间的整数').max(365, '应为 1 到 365 之间的整数').default(14),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((c, ctx) => {
    if (c.LARK_APP_ID) {
      if (!c.LARK_APP_SECRET) ctx.addIssue({ code: 'custom', path: ['LARK_APP_SECRET'], message: '设置了 LARK_APP_ID 时必须同时设置' });
      // The long connection authenticates when it connects; only webhooks carry the token.
      if (!c.LARK_VERIFICATION_TOKEN && c.LARK_CONNECTION === 'webhook') {
        ctx.addIssue({ code: 'custom', path: ['LARK_VERIFICATION_TOKEN'], message: '使用 webhook 接收事件时必须设置（飞书后台「事件与回调 > 加密策略」）' });
      }
    } else if (LARK_CREDENTIALS.some((k) => c[k])) {
      // Local mode on a production database would let anyone pick any identity: fail closed.
      const set = LARK_CREDENTIALS.filter((k) => c[k]).join('、');
      ctx.addIssue({ code: 'custom', path: ['LARK_APP_ID'], message: `未设置，但已设置 ${set}：请补上 LARK_APP_ID 以飞书模式运行，或删去 ${set} 以本地模式运行` });
    } else if (c.LARK_CONNECTION === 'ws') {
      ctx.addIssue({ code: 'custom', path: ['LARK_CONNECTION'], message: 'ws 长连接需要 LARK_APP_ID 和 LARK_APP_SECRET' });
    }
  });

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends Omit<RawConfig, 'HOST'> {
  /** Where the server listens: as given, else 127.0.0.1 in local mode and 0.0.0.0 with Lark. */
  HOST: string;
  /** Without an app id the bot runs in local mode: a web chat instead of Lark. */
  mode: 'lark' | 'local';
  /** SQLite (file:, the default, one instance) or PostgreSQL (postgres://, several replicas). */
  databaseKind: 'sqlite' | 'postgres';
  /** Filesystem path of the SQLite file ('' on PostgreSQL). */
  databasePath: string;
  /** Where backups go: BOT_BACKUP_DIR, else backups/ beside the SQLite file (data/backups for the default database), else data/backups. */
  backupDir: string;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`配置错误：${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

/**
 * For the bot's and the scripts' start: the configuration, or the one line naming the bad
 * variable on stderr and exit code 1.
 */
export function loadConfigOrExit(env: Record<string, string | undefined>): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}

/** Pure: reads only the env it is given; throws one ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, issue.message);
  }
  const c = parsed.data;
  const mode = c.LARK_APP_ID ? 'lark' : 'local';
  const databasePath = c.DATABASE_URL.startsWith('file:') ? c.DATABASE_URL.slice('file:'.length) : '';
  return {
    ...c,
    HOST: c.HOST ?? (mode === 'local' ? '127.0.0.1' : '0.0.0.0'),
    mode,
    databaseKind: isPostgresUrl(c.DATABASE_URL) ? 'postgres' : 'sqlite',
    databasePath,
    backupDir: c.BOT_BACKUP_DIR ?? (databasePath ? join(dirname(databasePath), 'backups') : join('data', 'backups')),
  };
}

/** Set-ups that start but leave a door half open; main logs each as a warning. */
export function startupWarnings(c: Config): string[] {
  const warnings: string[] = [];
  if (c.mode === 'lark' && c.LARK_CONNECTION === 'webhook' && !c.LARK_ENCRYPT_KEY) {
    warnings.push('LARK_ENCRYPT_KEY is not set: webhooks are checked by the verification token only (no signature, no timestamp window); set an encrypt key in the app console (事件与回调 > 加密策略)');
  }
  return warnings;
}

/** Values safe to log: secrets reduced to whether they are set. */
export function describeConfig(c: Config): Record<string, unknown> {
  return {
    mode: c.mode,
    connection: c.LARK_CONNECTION,
    port: c.PORT,
    host: c.HOST,
    database: redactDatabaseUrl(c.DATABASE_URL),
    appId: c.LARK_APP_ID,
    appSecret: c.LARK_APP_SECRET ? 'set' : 'unset',
    verificationToken: c.LARK_VERIFICATION_TOKEN ? 'set' : 'unset',
    encryptKey: c.LARK_ENCRYPT_KEY ? 'set' : 'unset',
    domain: c.LARK_DOMAIN,
    timezone: c.BOT_TIMEZONE,
    admins: c.BOT_ADMINS.length,
    leaders: c.BOT_LEADERS.length,
    reportChat: c.BOT_REPORT_CHAT_ID ?? 'unset',
    weeklyCron: c.BOT_WEEKLY_CRON,
    catchUpHours: c.BOT_CATCHUP_HOURS,
    followUpDays: c.BOT_FOLLOWUP_DAYS,
    org: c.BOT_ORG_NAME,
    backups: { dir: c.backupDir, cron: c.BOT_BACKUP_CRON, keep: c.BOT_BACKUP_KEEP },
  };
}
