import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ConfigError, describeConfig, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has the contract defaults and starts in local mode without an app id', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATABASE_URL: 'file:./data/bot.db', LARK_DOMAIN: 'https://open.feishu.cn', BOT_TIMEZONE: 'Asia/Shanghai', BOT_WEEKLY_CRON: '0 9 * * 1', BOT_ORG_NAME: '投资促进局', BOT_FOLLOWUP_DAYS: 5, BOT_ADMINS: [], BOT_LEADERS: [], mode: 'local', databasePath: './data/bot.db' });
  });

  it('needs no verification token for the long connection', () => {
    expect(loadConfig({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_CONNECTION: 'ws' }).LARK_CONNECTION).toBe('ws');
  });

  it('reads lists of open_ids', () => {
    const c = loadConfig({ BOT_ADMINS: 'ou_a1, ou_b2,,', BOT_LEADERS: 'ou_c3' });
    expect(c.BOT_ADMINS).toEqual(['ou_a1', 'ou_b2']);
    expect(c.BOT_LEADERS).toEqual(['ou_c3']);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LARK_DOMAIN: 'not a url' }, 'LARK_DOMAIN'],
    [{ BOT_TIMEZONE: 'Mars/Olympus' }, 'BOT_TIMEZONE'],
    [{ BOT_ADMINS: 'zhangsan' }, 'BOT_ADMINS'],
    [{ BOT_WEEKLY_CRON: 'every monday' }, 'BOT_WEEKLY_CRON'],
    [{ DATABASE_URL: 'mysql://db/bot' }, 'DATABASE_URL'],
    [{ DATABASE_URL: './data/bot.db' }, 'DATABASE_URL'],
    [{ LARK_APP_ID: 'cli_x' }, 'LARK_APP_SECRET'],
    [{ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's' }, 'LARK_VERIFICATION_TOKEN'],
    [{ LARK_CONNECTION: 'ws' }, 'LARK_CONNECTION'],
    [{ LARK_CONNECTION: 'socket' }, 'LARK_CONNECTION'],
    [{ BOT_FOLLOWUP_DAYS: '0' }, 'BOT_FOLLOWUP_DAYS'],
    [{ BOT_FOLLOWUP_DAYS: '2.5' }, 'BOT_FOLLOWUP_DAYS'],
    [{ BOT_FOLLOWUP_DAYS: '五天' }, 'BOT_FOLLOWUP_DAYS'],
  ])('a bad value %j names %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      expect((e as ConfigError).variable).toBe(variable);
      expect((e as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it('chooses PostgreSQL by a postgres:// or postgresql:// DATABASE_URL, SQLite by file:', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://bot:pw@db:5432/bot' })).toMatchObject({ databaseKind: 'postgres' });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/bot?sslmode=require' })).toMatchObject({ databaseKind: 'postgres' });
    expect(loadConfig({ DATABASE_URL: 'file:./x.db' })).toMatchObject({ databaseKind: 'sqlite', databasePath: './x.db' });
  });

  it('never shows the database password in what it logs', () => {
    const shown = describeConfig(loadConfig({ DATABASE_URL: 'postgresql://bot:p%40ss-secret@db.example:5432/bot' })).database;
    expect(shown).toBe('postgresql://bot:***@db.example:5432/bot');
  });

  it('never shows secrets in what it logs', () => {
    const c = loadConfig({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 'super-secret-value', LARK_VERIFICATION_TOKEN: 'tok-secret', LARK_ENCRYPT_KEY: 'enc-secret' });
    const shown = JSON.stringify(describeConfig(c));
    for (const s of ['super-secret-value', 'tok-secret', 'enc-secret']) expect(shown).not.toContain(s);
  });

  // A process start (tsx): seconds when the machine is quiet, far more when it is not.
  it('stops the start with one line naming the variable', { timeout: 90_000 }, () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, PORT: 'abc', LARK_APP_ID: '' }, encoding: 'utf8', timeout: 80_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('PORT');
  });
});
