import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signedRequest } from '../support/lark-payloads.js';

/** A bot replica in its own process (replica-server.ts), reached over HTTP on 127.0.0.1. */
export interface Replica {
  name: string;
  port: number;
  child: ChildProcess;
  /** POSTs a payload signed and encrypted like Lark to this replica's webhook. */
  post(payload: unknown): Promise<{ status: number; body: any }>;
  /** SIGKILL: no drain, no goodbye (a crash, an OOM kill). */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the drain. */
  stop(): Promise<void>;
  output(): string;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

export async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  // REPLICA_NODE_ARGS: extra node flags for each replica, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where a bench's time goes.
  const extra = process.env.REPLICA_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'test/replicas/replica-server.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, REPLICA_NAME: name },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    // A process start (tsx): seconds when the machine is quiet, far more when it is not.
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /READY (\d+)/.exec(d.toString());
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${out}`)));
  });
  return {
    name,
    port,
    child,
    async post(payload) {
      const req = signedRequest(payload);
      const res = await fetch(`http://127.0.0.1:${port}/webhook/event`, { method: 'POST', headers: req.headers, body: req.body });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    output: () => out,
  };
}
