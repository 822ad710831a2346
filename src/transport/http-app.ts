import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../logger.js';
import type { Clock } from '../clock.js';
import { ackBody, CARD_ACTION, type Dispatcher } from './lark-dispatcher.js';
import { VerificationError, verifyRequest } from './verify.js';
import { timeStep } from '../util/step-timings.js';

export const MAX_BODY_BYTES = 1024 * 1024;
/** What a webhook not stored (database unreachable) asks Lark to wait before sending it again. */
export const RETRY_AFTER_SECONDS = 10;
/** A click that could not be stored: the person is told to try again; nothing happened. */
export const BUSY_TOAST = { toast: { type: 'warning', content: '系统繁忙，本次操作未保存，请稍后再试' } } as const;

export interface HttpAppOptions {
  log: Logger;
  clock: Clock;
  dispatcher: Dispatcher;
  /** Webhook secrets; absent in local mode and with the long connection (then the webhook routes answer 404). */
  lark?: { verificationToken?: string | undefined; encryptKey?: string | undefined } | undefined;
  /** Answers true when the database answers. */
  healthy(): Promise<boolean>;
  /** Extra facts for /healthz (e.g. the long connection's state). */
  healthDetails?: () => Record<string, unknown>;
  /** Called for every webhook request refused before the inbox (counted in /metrics). */
  onRefused?: (reason: string) => void;
  /** Prometheus text for GET /metrics. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
  /** Mounts more routes (local web chat) before the 404 handler. */
  extend?: (app: Express) => void;
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Builds the HTTP app without listening, so tests drive it in process. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((req, res, next) => {
    const id = header(req, 'x-request-id') ?? randomUUID();
    res.locals.log = options.log.child({ requestId: id });
    res.setHeader('x-request-id', id);
    next();
  });

  const webhook = async (req: Request, res: Response) => {
    const log: Logger = res.locals.log;
    const lark = options.lark;
    if (!lark) return res.status(404).json({ error: 'webhook is off (local mode or LARK_CONNECTION=ws)' });
    if (!Buffer.isBuffer(req.body)) return res.status(400).json({ error: 'empty body' });
    let env;
    try {
      env = timeStep('verify', () => verifyRequest(
        {
          rawBody: req.body,
          timestamp: header(req, 'x-lark-request-timestamp'),
          nonce: header(req, 'x-lark-request-nonce'),
          signature: header(req, 'x-lark-signature'),
        },
        { encryptKey: lark.encryptKey, verificationToken: lark.verificationToken, nowSeconds: Math.floor(options.clock.now().getTime() / 1000) },
      ));
    } catch (e) {
      if (!(e instanceof VerificationError)) throw e;
      log.warn({ status: e.status, reason: e.reason }, hintFor(e.reason));
      options.onRefused?.(e.reason);
      return res.status(e.status).json({ error: e.reason });
    }
    let ack;
    try {
      ack = await options.dispatcher.receive(env);
    } catch (e) {
      // Not stored: never a 200 that Lark takes as delivered. 503 with Retry-After makes Lark
      // (and a proxy in front) try again; a click is answered with a toast instead, because
      // Lark shows a callback's failure as a bare error code.
      log.error({ err: (e as Error).message, eventId: env.kind === 'event' ? env.eventId : undefined }, 'event not stored: database unreachable');
      options.onRefused?.('database');
      if (env.kind === 'event' && env.eventType === CARD_ACTION) return res.status(200).json(BUSY_TOAST);
      return res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json({ error: 'database unavailable, try again later' });
    }
    if (env.kind === 'event') log.info({ eventId: env.eventId, type: env.eventType }, 'event accepted');
    // A card callback's answer goes out as the text stored for its replays, byte for byte.
    return res.status(200).type('json').send(ackBody(ack));
  };
  const raw = express.raw({ type: () => true, limit: MAX_BODY_BYTES });
  app.post('/webhook/event', raw, webhook);
  app.post('/webhook/card', raw, webhook);

  app.get('/healthz', async (_req, res) => {
    const ok = await options.healthy();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'error', ...(options.healthDetails?.() ?? {}) });
  });

  if (options.metrics) {
    const metrics = options.metrics;
    app.get('/metrics', async (_req, res) => {
      const m = await metrics();
      res.type(m.contentType).send(m.body);
    });
  }

  options.extend?.(app);

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const log: Logger = res.locals.log ?? options.log;
    if (err.type === 'entity.too.large' || err.status === 413) return res.status(413).json({ error: 'body over 1 MB' });
    if (err.status && err.status >= 400 && err.status < 500) return res.status(err.status).json({ error: err.message });
    log.error({ err: err.message }, 'request failed');
    return res.status(500).json({ error: 'internal error' });
  });
  return app;
}

/** Turns common set-up mistakes into a line that says what to fix. */
function hintFor(reason: string): string {
  if (reason === 'bad signature') return 'rejected: signature mismatch — check LARK_ENCRYPT_KEY against the app console (事件与回调 > 加密策略)';
  if (reason === 'wrong token') return 'rejected: header.token differs — check LARK_VERIFICATION_TOKEN';
  if (reason.includes('no LARK_ENCRYPT_KEY')) return 'rejected: encrypted body but LARK_ENCRYPT_KEY is not set';
  if (reason.includes('timestamp')) return 'rejected: stale or future timestamp (replay, or this server’s clock is off)';
  return `rejected: ${reason}`;
}
