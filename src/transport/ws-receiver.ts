import * as lark from '@larksuiteoapi/node-sdk';
import { systemClock, type Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Ack, Dispatcher } from './lark-dispatcher.js';
import { scrub, sdkLogger } from './sdk-logger.js';
import { backoffDelay, DEFAULT_RETRY } from './outbox.js';
import type { Receiver } from './receiver.js';
import { envelopeFromSdk } from './sdk-envelope.js';

export type WsState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'stopped';

export interface WsReceiverOptions {
  appId: string;
  appSecret: string;
  /** LARK_DOMAIN: endpoint discovery is `POST {domain}/callback/ws/endpoint`. */
  domain: string;
  encryptKey?: string | undefined;
  dispatcher: Pick<Dispatcher, 'receive'>;
  log: Logger;
  clock?: Clock;
  /** The event types to take (the registry's: see bot/registry.ts eventTypesOf); the app's console subscribes to the same. */
  eventTypes: readonly string[];
  /** After the SDK gives up (discovery refused, retries exhausted): start again after a doubling delay. */
  restart?: { baseDelayMs?: number; maxDelayMs?: number };
  /** A handshake that hangs (proxy, NAT) is abandoned and retried after this long. */
  handshakeTimeoutMs?: number;
  /** Seconds without any frame after a ping before the connection counts as dead; shorter than Lark's PingInterval (120 s), as the SDK re-arms the watchdog on each ping. */
  pingTimeoutS?: number;
}

/** The SDK accepts only ids of this form and otherwise returns without a word. */
const APP_ID = /^cli_[0-9a-fA-F]{16}$/;

/**
 * Lark's long connection (the SDK's WSClient with an EventDispatcher): every event and card
 * callback goes to the same `Dispatcher.receive` as the webhook, and a card callback's answer
 * (toast, card) goes back on the connection. The SDK reconnects a dropped connection on the
 * schedule Lark's endpoint prescribes; when it gives up, this starts it again with backoff.
 */
export class WsReceiver implements Receiver {
  private readonly client: lark.WSClient;
  private readonly events: lark.EventDispatcher;
  private readonly log: Logger;
  private readonly clock: Clock;
  private state: WsState = 'idle';
  private since: Date;
  private drops = 0;
  private failures = 0;
  private lastError: string | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  /** SDK warnings already logged in the current state (it repeats them on every attempt). */
  private readonly said = new Set<string>();

  constructor(private readonly options: WsReceiverOptions) {
    if (!APP_ID.test(options.appId)) throw new Error(`LARK_APP_ID「${options.appId}」不是长连接可用的应用 ID（应为 cli_ 加 16 位十六进制字符）`);
    this.log = options.log.child({ transport: 'ws' });
    this.clock = options.clock ?? systemClock;
    this.since = this.clock.now();
    const logger = this.sdkLogger();
    this.events = new lark.EventDispatcher({ encryptKey: options.encryptKey, logger, loggerLevel: lark.LoggerLevel.info });
    const handle = (flat: Record<string, unknown>) => this.handle(flat);
    this.events.register(Object.fromEntries(options.eventTypes.map((t) => [t, handle])));
    this.client = new lark.WSClient({
      appId: options.appId,
      appSecret: options.appSecret,
      domain: options.domain,
      logger,
      loggerLevel: lark.LoggerLevel.info,
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? 15_000,
      // A half-open connection (the far end gone without a close) is noticed by the missing pong.
      wsConfig: { pingTimeout: options.pingTimeoutS ?? 30 },
      onReady: () => this.connected(),
      onReconnected: () => this.connected(),
      onReconnecting: () => {
        this.drops++;
        this.setState('reconnecting');
      },
      onError: (err) => this.gaveUp(err),
    });
  }

  async start(): Promise<void> {
    this.setState('connecting');
    await this.client.start({ eventDispatcher: this.events });
  }

  async stop(): Promise<void> {
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.setState('stopped');
    this.client.close();
  }

  health(): Record<string, unknown> {
    const sdk = this.client.getConnectionStatus();
    const waiting = this.state !== 'connected' && this.state !== 'stopped';
    return {
      mode: 'ws',
      state: this.state,
      since: this.since.toISOString(),
      reconnects: this.drops,
      ...(waiting && this.lastError ? { lastError: this.lastError } : {}),
      ...(waiting && sdk.reconnectAttempts ? { attempts: sdk.reconnectAttempts } : {}),
      ...(waiting && sdk.nextConnectTime && sdk.nextConnectTime > Date.now() ? { nextAttemptAt: new Date(sdk.nextConnectTime).toISOString() } : {}),
    };
  }

  private async handle(flat: Record<string, unknown>): Promise<Ack | undefined> {
    const env = envelopeFromSdk(flat);
    if (!env) {
      this.log.warn({ type: flat.event_type }, 'ignored a long-connection message that is not a schema 2.0 event');
      return undefined;
    }
    try {
      const ack = await this.options.dispatcher.receive(env);
      if (env.kind === 'event') this.log.info({ eventId: env.eventId, type: env.eventType }, 'event accepted');
      return ack;
    } catch (e) {
      // Thrown on: the SDK answers the frame with code 500 and Lark delivers it again.
      this.log.error({ eventId: env.kind === 'event' ? env.eventId : undefined, err: (e as Error).message }, 'event not stored; Lark will resend it');
      throw e;
    }
  }

  private connected(): void {
    this.failures = 0;
    this.lastError = undefined;
    this.setState('connected');
  }

  private gaveUp(err: Error): void {
    if (this.state === 'stopped') return;
    this.lastError = scrub(err.message);
    this.failures++;
    const delayMs = backoffDelay(this.failures, { ...DEFAULT_RETRY, ...this.options.restart });
    this.setState('failed', { err: this.lastError, retryInMs: delayMs });
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.state === 'stopped') return;
      this.setState(this.drops > 0 ? 'reconnecting' : 'connecting');
      void this.client.start({ eventDispatcher: this.events });
    }, delayMs);
  }

  /** One log line per change of state, however often the SDK repeats itself. */
  private setState(next: WsState, detail: Record<string, unknown> = {}): void {
    if (next === this.state) return;
    const previous = this.state;
    this.state = next;
    this.since = this.clock.now();
    this.said.clear();
    const line = { state: next, previous, ...detail };
    if (next === 'failed') this.log.warn(line, 'long connection failed');
    else if (next === 'reconnecting' && previous === 'connected') this.log.warn(line, 'long connection dropped; reconnecting');
    else this.log.info(line, `long connection ${next}`);
  }

  /** SDK warnings and errors once per state: the SDK repeats them on every attempt. */
  private sdkLogger(): lark.Logger {
    return sdkLogger(this.log, (line) => {
      if (this.said.has(line)) return;
      this.said.add(line);
      this.log.warn({ sdk: line }, 'lark sdk');
    });
  }
}
