import type { Logger } from '../logger.js';

/** Strips secrets from anything the SDK wants to log (it logs request bodies on errors). */
export function scrub(text: string): string {
  return text
    .replace(/("?app_secret"?\s*[:=]\s*"?)[^",}\s]+/gi, '$1[redacted]')
    .replace(/(Bearer\s+)[A-Za-z0-9._-]+/g, '$1[redacted]')
    .replace(/("?(?:tenant|app)_access_token"?\s*[:=]\s*"?)[^",}\s]+/gi, '$1[redacted]');
}

/** One SDK log call as a short line without secrets. */
export function sdkLine(args: unknown[]): string {
  return scrub(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')).slice(0, 500);
}

/**
 * The SDK's logger interface on our logger, with secrets scrubbed. The SDK's errors are
 * logged as warnings (it reports failures we handle and log ourselves); `warn` may be
 * replaced, e.g. to say a line the SDK repeats on every retry only once.
 */
export function sdkLogger(log: Logger, warn: (line: string) => void = (line) => log.warn({ sdk: line }, 'lark sdk warning')) {
  return {
    error: (...args: unknown[]) => warn(sdkLine(args)),
    warn: (...args: unknown[]) => warn(sdkLine(args)),
    info: (...args: unknown[]) => log.debug({ sdk: sdkLine(args) }, 'lark sdk'),
    debug: (...args: unknown[]) => log.trace({ sdk: sdkLine(args) }, 'lark sdk'),
    trace: (...args: unknown[]) => log.trace({ sdk: sdkLine(args) }, 'lark sdk'),
  };
}
