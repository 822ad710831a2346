import { createHash, timingSafeEqual } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';

/** Lark's clock and ours may differ a little; older requests are replays. */
export const TIMESTAMP_WINDOW_SECONDS = 5 * 60;

export interface VerifyOptions {
  encryptKey?: string | undefined;
  verificationToken?: string | undefined;
  /** Seconds since the epoch; injected so tests control the window. */
  nowSeconds: number;
}

export interface RequestParts {
  rawBody: Buffer;
  timestamp?: string | undefined;
  nonce?: string | undefined;
  signature?: string | undefined;
}

/** A request the platform sent, decrypted and checked. */
export type Envelope =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'event'; eventId: string; eventType: string; payload: LarkEventPayload };

export interface LarkEventPayload {
  schema?: string;
  header: { event_id: string; event_type: string; token?: string; create_time?: string; app_id?: string; tenant_key?: string };
  event: Record<string, unknown>;
}

/**
 * The event as it may be stored: without the verification token, which is a secret (with no
 * encrypt key it is the only one) and is of no use once the event was checked.
 */
export function withoutSecrets(payload: LarkEventPayload): LarkEventPayload {
  const { token: _token, ...header } = payload.header;
  return { ...payload, header };
}

export class VerificationError extends Error {
  constructor(readonly status: 400 | 401, readonly reason: string) {
    super(reason);
    this.name = 'VerificationError';
  }
}

export function signatureOf(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer | string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey, 'utf8')
    .update(rawBody)
    .digest('hex');
}

function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  // Compare equal-length buffers so the time spent does not reveal the length either.
  const len = Math.max(ab.length, bb.length);
  const pa = Buffer.alloc(len);
  const pb = Buffer.alloc(len);
  ab.copy(pa);
  bb.copy(pb);
  return timingSafeEqual(pa, pb) && ab.length === bb.length;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new VerificationError(400, `${what} is not valid JSON`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkSignedHeaders(parts: RequestParts, opts: VerifyOptions & { encryptKey: string }): void {
  const { timestamp, nonce, signature } = parts;
  if (!timestamp || !nonce || !signature) throw new VerificationError(401, 'missing signature headers');
  const ts = Number(timestamp);
  if (!Number.isFinite(ts) || Math.abs(opts.nowSeconds - ts) > TIMESTAMP_WINDOW_SECONDS) {
    throw new VerificationError(401, 'timestamp outside the 5-minute window');
  }
  const expected = signatureOf(timestamp, nonce, opts.encryptKey, parts.rawBody);
  if (!constantTimeEqual(expected, signature.toLowerCase())) throw new VerificationError(401, 'bad signature');
}

function challengeOf(body: Record<string, unknown>, opts: VerifyOptions): Envelope {
  if (opts.verificationToken && body.token !== opts.verificationToken) throw new VerificationError(401, 'wrong token');
  if (typeof body.challenge !== 'string') throw new VerificationError(400, 'challenge missing');
  return { kind: 'challenge', challenge: body.challenge };
}

/**
 * Checks a webhook request on its raw bytes before anything in it is trusted:
 * signature and timestamp window (when an encrypt key is set), decryption, token.
 * Lark does not sign the URL-verification request, so the challenge is accepted
 * without signature headers; when they are present they are checked all the same.
 */
export function verifyRequest(parts: RequestParts, opts: VerifyOptions): Envelope {
  const outer = parseJson(parts.rawBody.toString('utf8'), 'body');
  if (!isObject(outer)) throw new VerificationError(400, 'body is not a JSON object');
  let body: Record<string, unknown> = outer;

  const encrypted = typeof body.encrypt === 'string';
  if (opts.encryptKey) {
    // Signed requests are checked on the raw bytes before anything is decrypted.
    const signed = Boolean(parts.signature || parts.timestamp || parts.nonce);
    if (signed) checkSignedHeaders(parts, { ...opts, encryptKey: opts.encryptKey });
    // A plain challenge (token-checked below) is harmless to answer; a plain event is not trusted.
    if (!encrypted && body.type === 'url_verification') return challengeOf(body, opts);
    if (!encrypted) throw new VerificationError(401, 'body is not encrypted but an encrypt key is set');
    let plain: string;
    try {
      plain = new lark.AESCipher(opts.encryptKey).decrypt(body.encrypt as string);
    } catch {
      throw new VerificationError(400, 'body cannot be decrypted');
    }
    const inner = parseJson(plain, 'decrypted body');
    if (!isObject(inner)) throw new VerificationError(400, 'decrypted body is not a JSON object');
    if (!signed && inner.type !== 'url_verification') throw new VerificationError(401, 'missing signature headers');
    body = inner;
  } else if (encrypted) {
    throw new VerificationError(400, 'body is encrypted but no LARK_ENCRYPT_KEY is configured');
  }

  if (body.type === 'url_verification') return challengeOf(body, opts);

  const header = body.header;
  if (!isObject(header) || typeof header.event_id !== 'string' || typeof header.event_type !== 'string' || !isObject(body.event)) {
    throw new VerificationError(400, 'not a schema 2.0 event');
  }
  if (opts.verificationToken && header.token !== opts.verificationToken) throw new VerificationError(401, 'wrong token');
  return {
    kind: 'event',
    eventId: header.event_id,
    eventType: header.event_type,
    payload: body as unknown as LarkEventPayload,
  };
}
