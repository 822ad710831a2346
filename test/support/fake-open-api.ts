import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkCard } from '../../src/presentation/cards/card-check.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or the raw text for multipart uploads. */
  body: any;
  rawBody: Buffer;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface Fault {
  /** Answer this HTTP status (e.g. 500, 429) … */
  status?: number;
  /** … or HTTP 200 with this Lark error code (e.g. 99991400). */
  code?: number;
  /** Never answer (the request hangs until the server closes). */
  hang?: boolean;
  /** Drop the connection without an answer. */
  reset?: boolean;
  /** Do the work (the message is created), then drop the connection before answering. */
  acceptThenReset?: boolean;
  /** Do the work, then never answer (the caller is killed while it waits). */
  acceptThenHang?: boolean;
  /** Answer normally, but only after this many milliseconds (a slow send). */
  delayMs?: number;
}

type RouteAnswer = { status?: number; body: unknown } | undefined;
type Route = (req: RecordedRequest) => RouteAnswer | Promise<RouteAnswer>;

/**
 * A local stand-in for the Lark Open API over HTTP on 127.0.0.1, for the SDK's `domain`.
 * Records every request, answers like Lark, deduplicates message sends by `uuid` like Lark,
 * and injects faults on demand.
 */
export class FakeOpenApi {
  readonly requests: RecordedRequest[] = [];
  /** Messages actually created (after uuid dedupe), in order. */
  readonly messages: Array<{ messageId: string; receiveId: string; receiveIdType: string; msgType: string; content: any; uuid?: string; replyTo?: string }> = [];
  readonly patches: Array<{ messageId: string; content: any }> = [];
  readonly files: Array<{ fileKey: string; raw: Buffer }> = [];
  /** What the card check found in cards sent, updated or answered (see test-bot's destroy). */
  readonly cardFindings: string[] = [];
  /** open_id → name for the contact API; absent ids answer code 41050 (no permission). */
  users = new Map<string, string>();
  /** chat_id → members for the chat-members API. */
  chatMembers = new Map<string, Array<{ member_id: string; name: string }>>();
  private faults: Array<{ match: (r: RecordedRequest) => boolean; fault: Fault; times: number }> = [];
  private readonly routes: Array<{ method: string; pattern: RegExp; route: Route }> = [];
  private server: Server | undefined;
  private readonly sockets = new Set<import('node:net').Socket>();
  private seq = 0;
  private readonly byUuid = new Map<string, string>();
  url = '';

  /** Makes the next `times` requests whose path matches fail as described. */
  fail(pathPart: string | RegExp, fault: Fault, times = 1): void {
    const match = (r: RecordedRequest) => (typeof pathPart === 'string' ? r.path.includes(pathPart) : pathPart.test(r.path));
    this.faults.push({ match, fault, times });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Adds or overrides a route (checked before the built-in ones). */
  on(method: string, pattern: RegExp, route: Route): void {
    this.routes.unshift({ method, pattern, route });
  }

  /** Requests to the message APIs (not token requests). */
  get sendRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith('/open-apis/im/v1/messages') && r.method === 'POST');
  }

  textsTo(receiveId: string): string[] {
    return this.messages.filter((m) => m.receiveId === receiveId).map((m) => (m.msgType === 'text' ? m.content.text : JSON.stringify(m.content)));
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  /** Cuts every open connection (releases hanging requests as network errors). */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://x');
    let body: any = rawBody.toString('utf8');
    if (String(req.headers['content-type'] ?? '').includes('json')) {
      try {
        body = JSON.parse(body);
      } catch {
        /* keep text */
      }
    }
    const r: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body, rawBody, at: Date.now() };
    this.requests.push(r);

    const f = this.faults.find((x) => x.times > 0 && x.match(r));
    if (f) {
      f.times--;
      if (f.fault.hang) return; // never answered
      if (f.fault.reset) return void req.socket.destroy();
      // With both, as Lark answers a rate limit: HTTP 400 with code 99991400.
      if (f.fault.status) return this.json(res, f.fault.status, { code: f.fault.code ?? f.fault.status, msg: 'fault injected' });
      if (f.fault.code) return this.json(res, 200, { code: f.fault.code, msg: 'fault injected' });
      if (f.fault.delayMs) await new Promise((r) => setTimeout(r, f.fault.delayMs));
      if (f.fault.acceptThenHang) return void (await this.answer(r));
      if (f.fault.acceptThenReset) {
        await this.answer(r);
        return void req.socket.destroy();
      }
    }
    const out = await this.answer(r);
    this.json(res, out.status ?? 200, out.body);
  }

  private async answer(r: RecordedRequest): Promise<{ status?: number; body: unknown }> {
    for (const rt of this.routes) {
      if (rt.method === r.method && rt.pattern.test(r.path)) {
        const out = await rt.route(r);
        if (out) return out;
      }
    }
    return this.builtIn(r);
  }

  private builtIn(r: RecordedRequest): { status?: number; body: unknown } {
    const p = r.path;
    if (p === '/open-apis/auth/v3/tenant_access_token/internal') {
      return { body: { code: 0, msg: 'ok', tenant_access_token: 't-fake-token-0123456789', expire: 7200 } };
    }
    if (p === '/open-apis/auth/v3/app_access_token/internal') {
      return { body: { code: 0, msg: 'ok', app_access_token: 'a-fake-token', tenant_access_token: 't-fake-token-0123456789', expire: 7200 } };
    }
    if (r.method === 'POST' && p === '/open-apis/im/v1/messages') {
      return { body: { code: 0, msg: 'success', data: this.create(r.body, r.query.receive_id_type ?? '', undefined) } };
    }
    let m = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(p);
    if (r.method === 'POST' && m) {
      const parent = this.messages.find((x) => x.messageId === m![1]);
      return { body: { code: 0, msg: 'success', data: this.create({ ...r.body, receive_id: parent?.receiveId ?? m[1] }, parent?.receiveIdType ?? 'reply', m[1]) } };
    }
    m = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(p);
    if (r.method === 'PATCH' && m) {
      const content = JSON.parse(r.body.content);
      this.checkCard(content, `PATCH ${m[1]}`);
      this.patches.push({ messageId: m[1]!, content });
      return { body: { code: 0, msg: 'success', data: {} } };
    }
    if (r.method === 'POST' && p === '/open-apis/im/v1/files') {
      const fileKey = `file_v2_fake_${++this.seq}`;
      this.files.push({ fileKey, raw: r.rawBody });
      return { body: { code: 0, msg: 'success', data: { file_key: fileKey } } };
    }
    m = /^\/open-apis\/contact\/v3\/users\/([^/]+)$/.exec(p);
    if (r.method === 'GET' && m) {
      const name = this.users.get(decodeURIComponent(m[1]!));
      if (!name) return { status: 400, body: { code: 41050, msg: 'no user authority error' } };
      return { body: { code: 0, msg: 'success', data: { user: { open_id: m[1], name } } } };
    }
    m = /^\/open-apis\/im\/v1\/chats\/([^/]+)\/members$/.exec(p);
    if (r.method === 'GET' && m) {
      const items = this.chatMembers.get(decodeURIComponent(m[1]!)) ?? [];
      return { body: { code: 0, msg: 'success', data: { items: items.map((i) => ({ member_id_type: 'open_id', ...i })), has_more: false, page_token: '', member_total: items.length } } };
    }
    return { status: 404, body: { code: 404, msg: `fake has no route for ${r.method} ${p}` } };
  }

  private create(body: any, receiveIdType: string, replyTo: string | undefined) {
    const uuid: string | undefined = body.uuid;
    const known = uuid ? this.byUuid.get(uuid) : undefined;
    if (known) return { message_id: known };
    const messageId = `om_fake_${++this.seq}`;
    if (uuid) this.byUuid.set(uuid, messageId);
    let content: any = body.content;
    try {
      content = JSON.parse(body.content);
    } catch {
      /* keep */
    }
    if (body.msg_type === 'interactive') this.checkCard(content, `card ${messageId}`);
    this.messages.push({ messageId, receiveId: body.receive_id, receiveIdType, msgType: body.msg_type, content, uuid, ...(replyTo ? { replyTo } : {}) });
    return { message_id: messageId };
  }

  /** Every card the bot sends goes through the documented rules, as the real client would. */
  private checkCard(content: unknown, where: string): void {
    for (const f of checkCard(content)) this.cardFindings.push(`${where}: ${f}`);
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }
}
