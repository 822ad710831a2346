import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalBot, type LocalBot } from '../support/local-bot.js';

let b: LocalBot;
afterEach(async () => b?.destroy());

/** A GET with a chosen Host header, as a browser sends it after a DNS rebinding. */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('access: the local web chat', () => {
  it('refuses a page or API request whose Host is a foreign name (DNS rebinding)', async () => {
    b = await startLocalBot();
    const port = new URL(b.url).port;
    expect(await getWithHost(b.url + '/local/api/state', `attacker.example:${port}`)).toBe(403);
    expect(await getWithHost(b.url + '/', `attacker.example:${port}`)).toBe(403);
    expect(await getWithHost(b.url + '/local/files/x', 'attacker.example')).toBe(403);
  });

  it('serves localhost and loopback forms of the Host', async () => {
    b = await startLocalBot();
    const port = new URL(b.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost']) {
      expect(await getWithHost(b.url + '/local/api/state', host)).toBe(200);
    }
  });
});
