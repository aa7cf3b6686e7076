import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { VaiderError } from '../../base/errors.js';

const COOKIE = 'vaider_viewer';
export const CSRF_HEADER = 'x-vaider-csrf';

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * Per-session CSRF tokens for the viewer's changes (accept, reject, masks, healing reviews). Each page
 * load opens a session: an HttpOnly, SameSite=Strict cookie, and a token derived from it that only the
 * page can read. A change must carry both, and come from this server's own origin: another site
 * (or another port on this machine) can neither read the token nor send the cookie.
 */
export function viewerSessions() {
  const secret = randomBytes(32);
  const tokenFor = (session: string) => createHmac('sha256', secret).update(session).digest('base64url');
  return {
    /** Starts a session for the page being served; returns the token to embed in it. */
    open(res: Response): string {
      const session = randomBytes(18).toString('base64url');
      res.setHeader('Set-Cookie', `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`);
      return tokenFor(session);
    },
    /** Throws unless `req` carries a session's cookie and token and comes from this server's page. */
    check(req: Request): void {
      const origin = req.headers.origin;
      if (origin !== `http://${req.headers.host ?? ''}`) {
        throw new VaiderError('CSRF_INVALID', `Changes are accepted only from the viewer's own page (Origin ${origin ?? 'missing'}).`);
      }
      const session = cookieValue(req, COOKIE);
      const given = Buffer.from(String(req.headers[CSRF_HEADER] ?? ''));
      const expected = Buffer.from(session ? tokenFor(session) : '');
      if (!session || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new VaiderError('CSRF_INVALID', 'The viewer session is missing or expired: reload the page.');
      }
    },
  };
}

export type ViewerSessions = ReturnType<typeof viewerSessions>;
