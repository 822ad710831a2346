import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Paths that may carry secrets or tokens; pino replaces them before a line is written. */
const REDACT = [
  'appSecret',
  'app_secret',
  'encryptKey',
  'encrypt_key',
  'token',
  '*.token',
  '*.app_secret',
  'headers.authorization',
  '*.headers.authorization',
  'tenant_access_token',
  '*.tenant_access_token',
  'encrypt',
  '*.encrypt',
];

export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  const options = { level, base: undefined, redact: { paths: REDACT, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

/** Shows only the head of an identifier or token, enough to tell two apart. */
export function mask(value: string | undefined): string {
  if (!value) return '';
  return value.length <= 6 ? '***' : `${value.slice(0, 4)}…(${value.length})`;
}
