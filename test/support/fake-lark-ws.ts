import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import '@larksuiteoapi/node-sdk';
import protobuf from 'protobufjs/minimal.js';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeOpenApi } from './fake-open-api.js';
import { checkCallbackAnswer } from '../../src/presentation/cards/card-check.js';

/**
 * The SDK's own frame codec. The SDK does not export it, but its generated protobuf module
 * registers `pbbp2` in protobufjs's default root when the SDK loads, so the fake speaks
 * exactly what WSClient decodes and encodes (no copy of the .proto here).
 */
export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: Array<{ key: string; value: string }>;
  payload?: Uint8Array;
}
const pbbp2 = (protobuf.roots as any).default?.pbbp2;
if (!pbbp2?.Frame) throw new Error('the Lark SDK no longer registers pbbp2 in protobufjs; update test/support/fake-lark-ws.ts');
export const encodeFrame = (f: Frame): Uint8Array => pbbp2.Frame.encode(f).finish();
export const decodeFrame = (b: Uint8Array): Frame => pbbp2.Frame.decode(b);

const CONTROL = 0;
const DATA = 1;
const SERVICE_ID = 7;

export interface FrameAnswer {
  /** 200 when the app handled the event, 500 when its handler threw. */
  code: number;
  /** The decoded `data` of the answer: what a card callback returns (toast, card). */
  data?: any;
}

/**
 * A local stand-in for Lark's long-connection service: answers endpoint discovery under the
 * fake Open API (`POST /callback/ws/endpoint`, i.e. under LARK_DOMAIN) with the URL of a
 * WebSocket server on 127.0.0.1, pushes events as SDK frames and collects the answers.
 */
export class FakeLarkWs {
  readonly discoveries: any[] = [];
  /** Every connection ever accepted, in order; the last one is the live one. */
  readonly connections: WebSocket[] = [];
  readonly pings: Frame[] = [];
  /** A half-open connection: frames from the app go nowhere, pings get no pong. */
  silent = false;
  private wss: WebSocketServer | undefined;
  private readonly waiting = new Map<string, (a: FrameAnswer) => void>();
  private seq = 0;

  /** `reconnectIntervalS` and `reconnectNonceS` are what Lark tells clients (seconds; small here to keep tests short). */
  constructor(
    private readonly openApi: FakeOpenApi,
    private readonly clientConfig = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 0.05, ReconnectNonce: 0 },
  ) {}

  async start(): Promise<void> {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.wss!.once('listening', () => resolve()));
    const { port } = this.wss.address() as AddressInfo;
    this.wss.on('connection', (socket) => {
      this.connections.push(socket);
      socket.on('message', (raw: Buffer) => this.onFrame(socket, decodeFrame(raw)));
    });
    this.openApi.on('POST', /^\/callback\/ws\/endpoint$/, (req) => {
      this.discoveries.push(req.body);
      const url = `ws://127.0.0.1:${port}/ws?fpid=1&device_id=dev_${this.discoveries.length}&service_id=${SERVICE_ID}&ticket=${randomUUID()}`;
      return { body: { code: 0, msg: 'ok', data: { URL: url, ClientConfig: this.clientConfig } } };
    });
  }

  get live(): WebSocket | undefined {
    const last = this.connections.at(-1);
    return last && last.readyState === last.OPEN ? last : undefined;
  }

  /** Pushes one event (or card callback) and resolves with the app's answer frame. */
  push(payload: unknown, o: { fragments?: number; messageId?: string } = {}): Promise<FrameAnswer> {
    const socket = this.live;
    if (!socket) throw new Error('no live long connection');
    const messageId = o.messageId ?? `msg_${++this.seq}`;
    const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
    const sum = o.fragments ?? 1;
    const size = Math.ceil(bytes.length / sum);
    const answered = new Promise<FrameAnswer>((resolve) => this.waiting.set(messageId, resolve));
    for (let i = 0; i < sum; i++) {
      const headers = [
        { key: 'type', value: 'event' },
        { key: 'message_id', value: messageId },
        { key: 'sum', value: String(sum) },
        { key: 'seq', value: String(i) },
        { key: 'trace_id', value: `trace_${messageId}` },
      ];
      socket.send(encodeFrame({ SeqID: this.seq, LogID: this.seq, service: SERVICE_ID, method: DATA, headers, payload: bytes.subarray(i * size, (i + 1) * size) }));
    }
    return answered.then((a) => {
      // A card callback's answer over the long connection goes through the documented rules too.
      const isCardAction = (payload as { header?: { event_type?: string } }).header?.event_type === 'card.action.trigger';
      const findings = isCardAction && a.code === 200 && a.data !== undefined ? checkCallbackAnswer(a.data) : [];
      if (findings.length) throw new Error(`callback answer Lark would refuse:\n${findings.join('\n')}`);
      return a;
    });
  }

  /** Cuts the live connection without a close handshake, as a network failure would. */
  drop(): void {
    this.live?.terminate();
  }

  async stop(): Promise<void> {
    for (const s of this.connections) s.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
  }

  private onFrame(socket: WebSocket, f: Frame): void {
    if (this.silent) return;
    const h = Object.fromEntries(f.headers.map((x) => [x.key, x.value]));
    if (f.method === CONTROL && h.type === 'ping') {
      this.pings.push(f);
      const pong = { ...f, headers: [{ key: 'type', value: 'pong' }], payload: Buffer.from(JSON.stringify(this.clientConfig)) };
      socket.send(encodeFrame(pong));
      return;
    }
    if (f.method === DATA && h.message_id) {
      const body = JSON.parse(Buffer.from(f.payload ?? []).toString('utf8'));
      const data = body.data ? JSON.parse(Buffer.from(body.data, 'base64').toString('utf8')) : undefined;
      this.waiting.get(h.message_id)?.({ code: body.code, data });
      this.waiting.delete(h.message_id);
    }
  }
}
