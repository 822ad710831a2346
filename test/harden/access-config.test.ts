import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, startupWarnings } from '../../src/config.js';

describe('access: configuration fails closed', () => {
  it.each([
    [{ LARK_APP_SECRET: 'prod-secret' }, 'LARK_APP_SECRET'],
    [{ LARK_VERIFICATION_TOKEN: 'prod-token' }, 'LARK_VERIFICATION_TOKEN'],
    [{ LARK_ENCRYPT_KEY: 'prod-key' }, 'LARK_ENCRYPT_KEY'],
  ])('refuses to start local mode when %j is set without LARK_APP_ID', (env, credential) => {
    let err: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe('LARK_APP_ID');
    expect((err as Error).message).toContain(credential);
    expect((err as Error).message).not.toMatch(/prod-(secret|token|key)/);
    expect((err as Error).message.split('\n')).toHaveLength(1);
  });

  it('binds local mode to 127.0.0.1 unless HOST is given, and Lark mode to every interface', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_VERIFICATION_TOKEN: 't' }).HOST).toBe('0.0.0.0');
  });

  it('warns when webhooks arrive without an encrypt key, and not otherwise', () => {
    const lark = { LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_VERIFICATION_TOKEN: 't' };
    expect(startupWarnings(loadConfig(lark)).join('\n')).toContain('LARK_ENCRYPT_KEY');
    expect(startupWarnings(loadConfig({ ...lark, LARK_ENCRYPT_KEY: 'k' }))).toEqual([]);
    expect(startupWarnings(loadConfig({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_CONNECTION: 'ws' }))).toEqual([]);
    expect(startupWarnings(loadConfig({}))).toEqual([]);
  });
});
