import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback load balancer for the replica benchmark: each request goes to the next port in
 * turn, as a plain round-robin in front of several replicas would send it.
 */
export async function startRoundRobin(ports: number[]): Promise<{ port: number; close(): Promise<void> }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  const server: Server = createServer((req, res) => {
    const port = ports[next++ % ports.length]!;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      // A kept-alive socket the replica closed at that instant is retried once on a new one.
      const forward = (retry: boolean) => {
        const up = request({ host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers, agent }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        up.on('error', (e) => {
          if (retry) return forward(false);
          if (process.env.BENCH_DEBUG) console.error(`proxy to ${port}: ${e.message}`);
          if (!res.headersSent) res.writeHead(502);
          res.end();
        });
        up.end(body);
      };
      forward(true);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
