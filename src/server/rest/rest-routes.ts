import { Router } from 'express';
import { z } from 'zod';
import { PROVIDER_IDS } from '../../config/schema.js';
import { RUN_STATUSES } from '../../app/runs/run-status.js';
import { runSummary } from '../mcp/run-summary.js';
import { screenDriftSummary } from '../../app/screens/wire-summaries.js';
import type { Vaider } from '../../app/vaider.js';
import { json, parse, requestSignal } from './route-helpers.js';

const analyzeBody = z.strictObject({
  path: z.string().min(1),
  // Counted and measured by the application, as for every front end (TOO_MANY_EXPECTATIONS, EXPECTATION_TOO_LONG).
  expectations: z.array(z.string().min(1)).optional(),
  provider: z.enum(PROVIDER_IDS).optional(),
  keyframes: z.number().int().min(2).max(200).optional(),
  no_cache: z.boolean().optional(),
  drift: z.boolean().optional(),
  // The CLI and the Playwright reporter hand their analyses to a running server (app/runs/server-handoff.ts); their runs say so.
  requested_by: z.enum(['rest', 'cli', 'playwright']).optional(),
});

const box = z.strictObject({ x: z.number().min(0), y: z.number().min(0), width: z.number().min(0), height: z.number().min(0) });
const compareBody = z.strictObject({
  baseline: z.string().min(1),
  current: z.string().min(1),
  ignore_regions: z.array(box).max(50).optional(),
  threshold: z.number().min(0).max(1).optional(),
  provider: z.enum(PROVIDER_IDS).optional(),
});

const runsQuery = z.strictObject({
  state: z.enum(['queued', 'analyzing', 'done', 'error']).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

const megabytes = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

/** The REST API for web tools: health, analyze, compare, runs. Errors are JSON with the right status. */
export function restRoutes(app: Vaider, { version, shutdown, sessions }: { version: string; shutdown: AbortSignal; sessions: () => number }): Router {
  const router = Router();
  const started = Date.now();

  router.get(
    '/v1/health',
    json(async () => {
      const memory = process.memoryUsage();
      const queue = await app.queue();
      return {
        status: 'ok',
        version,
        provider: app.providerId(),
        active_analyses: app.runs.active,
        mcp_sessions: sessions(),
        uptime_s: Math.round((Date.now() - started) / 1000),
        // For watching a long-running server for leaks (bench/soak.bench.ts does).
        memory_mb: { rss: megabytes(memory.rss), heap_used: megabytes(memory.heapUsed) },
        // The shared queue, when the rules name one: its counts, or why it cannot be reached.
        ...(queue && { queue: await queue.status().catch((error: Error) => ({ error: error.message })) }),
      };
    }),
  );

  const analyze = json(async (req, res) => {
    const body = parse(analyzeBody, req.body, 'request body');
    const { run, cached } = await app.runs.analyze({
      input: body.path,
      expectations: body.expectations,
      provider: body.provider,
      maxKeyframes: body.keyframes,
      noCache: body.no_cache,
      drift: body.drift,
      requestedBy: body.requested_by ?? 'rest',
      signal: requestSignal(req, res, shutdown),
    });
    return { run_id: run.id, cached, ...run.result };
  });
  router.post('/v1/analyse', analyze);
  router.post('/v1/analyze', analyze);

  router.post(
    '/v1/compare',
    json(async (req, res) => {
      const body = parse(compareBody, req.body, 'request body');
      const drift = await app.compare({
        baseline: body.baseline,
        current: body.current,
        ignoreRegions: body.ignore_regions,
        threshold: body.threshold,
        provider: body.provider,
        requestedBy: 'rest',
        signal: requestSignal(req, res, shutdown),
      });
      return screenDriftSummary(drift);
    }),
  );

  router.get(
    '/v1/runs',
    json(async (req) => {
      const { q, ...query } = parse(runsQuery, req.query, 'query');
      const { runs, total } = await app.runs.page({ ...query, query: q });
      // The retry loop's call for attention belongs to the newest run of its input on the page.
      const newest = new Set<string>();
      const rows = await Promise.all(
        runs.map(async (run) => {
          const first = !newest.has(run.input);
          newest.add(run.input);
          return { ...runSummary(run), attention: first ? await app.runs.attention(run.input) : null };
        }),
      );
      return { runs: rows, total };
    }),
  );

  router.get(
    '/v1/runs/:id',
    json(async (req) => {
      const { run, attempts, attention, files } = await app.runs.details(String(req.params.id));
      return { run: runSummary(run), attempts, attention, files, result: run.result };
    }),
  );

  return router;
}
