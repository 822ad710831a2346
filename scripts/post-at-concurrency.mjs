// The load generator of bench:cases, in a process of its own (as the other benchmarks keep load
// and server apart): posts the signed requests in <file> (a JSON array of {body, headers}) to
// <url> on 127.0.0.1, <concurrency> at a time over kept-alive sockets, stops at <deadline> (epoch
// ms), and prints {latencies, failures, seconds, stoppedByTime} as one JSON line. <check>: what
// counts as a good answer: 'ok' (200), 'challenge' (200 with the challenge echoed), 'success'
// (200 with a success toast).
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

const [url, concurrency, file, check, deadline] = process.argv.slice(2);
const target = new URL(url);
const requests = JSON.parse(readFileSync(file, 'utf8'));
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const good = {
  ok: (status) => status === 200,
  challenge: (status, body) => status === 200 && typeof body?.challenge === 'string',
  success: (status, body) => status === 200 && body?.toast?.type === 'success',
}[check];

function postOnce(r) {
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        let body;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

// A kept-alive socket the server closed at that instant (a loaded machine) is retried once.
const post = (r) => postOnce(r).catch((e) => (e.code === 'ECONNRESET' ? postOnce(r) : Promise.reject(e)));

const latencies = [];
let failures = 0;
let stoppedByTime = false;
let next = 0;
const start = performance.now();
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    for (;;) {
      if (Date.now() > Number(deadline)) return void (stoppedByTime = true);
      const i = next++;
      if (i >= requests.length) return;
      const t0 = performance.now();
      const res = await post(requests[i]);
      latencies.push(performance.now() - t0);
      if (!good(res.status, res.body)) failures++;
    }
  }),
);
agent.destroy();
process.stdout.write(`${JSON.stringify({ latencies, failures, seconds: (performance.now() - start) / 1000, stoppedByTime })}\n`);
