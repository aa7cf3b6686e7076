import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Vaider } from '../../app/vaider.js';
import { boxSchema } from '../mcp/output-schemas.js';
import { runSummary } from '../mcp/run-summary.js';
import { json, parse } from '../rest/route-helpers.js';
import { sendError } from '../rest/send-error.js';
import { redactSecrets } from '../../base/redact-secrets.js';
import { viewerSessions } from './viewer-session.js';

/** The page and its script and style: plain files in viewer/ at the package root, beside src/ and dist/. */
const VIEWER_DIR = path.join(import.meta.dirname, '..', '..', '..', 'viewer');
const ASSET = /^[a-z-]+\.(js|css)$/;
const TOKEN_SLOT = '__VAIDER_CSRF_TOKEN__';

// Nothing but this server's own script, style, images and media; no framing, no inline script.
const PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
// An artifact is shown, never run: an HTML or SVG file in an interactions folder gets no script and no origin.
const FILE_POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";

const healingQuery = z.strictObject({ review: z.enum(['pending', 'approved', 'rejected']).optional() });
const healingReview = z.strictObject({ verdict: z.enum(['approved', 'rejected']) });
const masksBody = z.strictObject({
  masks: z.array(z.strictObject({ screen: z.number().int().min(0), box: boxSchema })).min(1).max(50),
});
const fileQuery = z.strictObject({ path: z.string().min(1).max(4096) });

/** How often an idle event stream says it is alive, so proxies and browsers keep it open. */
const HEARTBEAT_MS = 25_000;

/**
 * The web viewer (issue 14): the page at GET / for browsers, its assets, the live run events, the
 * files it shows, and the reviews it sends. Reads follow the REST API's rules; every change also needs
 * the page's own origin and its session's CSRF token.
 */
export function viewerRoutes(app: Vaider, shutdown: AbortSignal): Router {
  const router = Router();
  const sessions = viewerSessions();
  let page: Promise<string> | undefined;
  const change = (handler: (req: Request, res: Response) => Promise<unknown>) =>
    json(async (req, res) => {
      sessions.check(req);
      return handler(req, res);
    });

  router.get('/', async (_req, res) => {
    try {
      page ??= readFile(path.join(VIEWER_DIR, 'index.html'), 'utf8');
      const html = (await page).replace(TOKEN_SLOT, sessions.open(res));
      res.setHeader('Content-Security-Policy', PAGE_POLICY);
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('Cache-Control', 'no-store');
      res.type('html').send(html);
    } catch (error) {
      page = undefined;
      sendError(res, error);
    }
  });

  // Browsers ask for it on every page; the viewer has none.
  router.get('/favicon.ico', (_req, res) => void res.status(204).end());

  router.get('/viewer/:asset', (req, res, next) => {
    const asset = String(req.params.asset);
    if (!ASSET.test(asset)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(asset, { root: VIEWER_DIR });
  });

  router.get('/v1/events', (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    const unsubscribe = app.runs.onChange((run) => res.write(`event: run\ndata: ${JSON.stringify(redactSecrets(runSummary(run)))}\n\n`));
    const heartbeat = setInterval(() => res.write(': alive\n\n'), HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      shutdown.removeEventListener('abort', close);
    };
    const close = () => res.end();
    shutdown.addEventListener('abort', close, { once: true });
    req.on('close', end);
  });

  router.get('/v1/files', async (req, res) => {
    try {
      const file = await app.servedFile(parse(fileQuery, req.query, 'query').path);
      res.setHeader('Content-Security-Policy', FILE_POLICY);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.sendFile(file, { dotfiles: 'allow', cacheControl: false, headers: { 'Cache-Control': 'no-cache' } }, (error) => {
        if (error && !res.headersSent) sendError(res, error);
      });
    } catch (error) {
      sendError(res, error);
    }
  });

  router.get(
    '/v1/runs/:id/attempts',
    json(async (req) => ({ attempts: await app.attempts(String(req.params.id)) })),
  );
  router.get(
    '/v1/runs/:id/baseline',
    json(async (req) => ({ baseline: await app.driftReview.baseline(String(req.params.id)) })),
  );
  router.post(
    '/v1/runs/:id/drift/accept',
    change(async (req) => {
      const { run, baseline } = await app.driftReview.accept(String(req.params.id));
      return { run: runSummary(run), baseline: { key: baseline.key, screens: baseline.screens.length, approved_at: baseline.approved_at } };
    }),
  );
  router.post(
    '/v1/runs/:id/drift/reject',
    change(async (req) => ({ run: runSummary(await app.driftReview.reject(String(req.params.id))) })),
  );
  router.post(
    '/v1/runs/:id/drift/masks',
    change(async (req) => {
      const baseline = await app.driftReview.acceptMasks(String(req.params.id), parse(masksBody, req.body, 'request body').masks);
      return { key: baseline.key, masks: baseline.masks ?? [] };
    }),
  );

  router.get(
    '/v1/healing',
    json(async (req) => ({ events: await app.healingEvents(parse(healingQuery, req.query, 'query')) })),
  );
  router.post(
    '/v1/healing/:id/review',
    change(async (req) => ({ event: await app.reviewHealing(String(req.params.id), parse(healingReview, req.body, 'request body').verdict) })),
  );

  return router;
}
