import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { VaiderError } from '../../base/errors.js';
import { sendError } from '../rest/send-error.js';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]', '::1'];

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether binding to `host` keeps the server on this machine: `localhost`, or a literal address in
 * 127.0.0.0/8 or ::1. Any other name may resolve anywhere (`127.evil.invalid` is a name, not an
 * address), so it is not loopback.
 */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare.toLowerCase() === 'localhost') return true;
  const family = isIP(bare);
  return family !== 0 && LOOPBACK.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** `example.com:3456` → `example.com`; `[::1]:3456` → `[::1]`. */
function hostname(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0] ?? '';
}

/**
 * DNS rebinding: a page on evil.example that resolves to 127.0.0.1 reaches this server with its own
 * name in Host, and with its own Origin. Only our names pass, and browsers only from our own pages.
 */
export function hostAndOriginGuard(boundHost: string): RequestHandler {
  const allowedHosts = new Set([...LOOPBACK_NAMES, boundHost.toLowerCase()]);
  return (req: Request, res: Response, next: NextFunction) => {
    const host = hostname((req.headers.host ?? '').toLowerCase());
    if (!allowedHosts.has(host)) {
      sendError(res, new VaiderError('FORBIDDEN_ORIGIN', `Host "${req.headers.host ?? ''}" is not this server.`));
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined) {
      let originHost: string;
      try {
        originHost = new URL(origin).hostname.toLowerCase();
      } catch {
        originHost = '';
      }
      const bracketed = originHost.includes(':') ? `[${originHost.replace(/^\[|\]$/g, '')}]` : originHost;
      if (!allowedHosts.has(bracketed) && !allowedHosts.has(originHost)) {
        sendError(res, new VaiderError('FORBIDDEN_ORIGIN', `Origin "${origin}" may not call this server.`));
        return;
      }
    }
    next();
  };
}

/** When a token is set, every request must carry it as `Authorization: Bearer <token>`. */
export function bearerTokenGuard(token: string | undefined): RequestHandler {
  const expected = token ? Buffer.from(token) : undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    if (!expected) return next();
    const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const given = Buffer.from(match?.[1] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      sendError(res, new VaiderError('UNAUTHORIZED', 'A valid bearer token is required (VAIDER_TOKEN).'));
      return;
    }
    next();
  };
}
