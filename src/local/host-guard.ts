import { isIP } from 'node:net';
import type { NextFunction, Request, Response } from 'express';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

/** The host name of a Host header, without port or IPv6 brackets, lower case. */
export function hostNameOf(header: string | undefined): string {
  const h = (header ?? '').trim().toLowerCase();
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  if (m) return m[1]!;
  return h.replace(/:\d+$/, '');
}

/**
 * Whether a Host header names the address the server is bound to. A page on another site
 * whose name was re-pointed at this machine (DNS rebinding) sends its own name, so it is
 * refused; loopback names always pass, and any IP literal passes when bound to every interface.
 */
export function hostAllowed(header: string | undefined, boundHost: string): boolean {
  const name = hostNameOf(header);
  if (!name) return false;
  if (LOOPBACK.has(name) || name.startsWith('127.')) return true;
  if (name === boundHost.toLowerCase()) return true;
  return (boundHost === '0.0.0.0' || boundHost === '::') && isIP(name) !== 0;
}

/** Express middleware refusing requests for a foreign host name with 403. */
export function hostGuard(boundHost: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (hostAllowed(req.headers.host, boundHost)) return next();
    return res.status(403).json({ error: 'host not allowed' });
  };
}
