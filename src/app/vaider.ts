import type { ResolvedConfig } from '../config/load-config.js';
import type { ProviderId } from '../config/schema.js';
import { scaledImage, type ScaledImage } from '../media/scaled-image.js';
import { createProviderRegistry, type ProviderRegistry } from '../vision/registry.js';
import type { SamplingFunction } from '../vision/model/sampling-client.js';
import type { VisionProvider } from '../vision/types.js';
import { modelCacheDir, openResponseCache } from '../vision/model/response-cache.js';
import { chosenProvider, type UseCaseContext } from './use-case-context.js';
import { analyzeInput } from './analysis/analyze-input.js';
import { compareScreens, type CompareRequest, type ScreenDrift } from './screens/compare-screens.js';
import { approveBaseline } from './screens/drift-check.js';
import type { FlowOutcome, FlowRunRequest } from './flows/flow-runs.js';
import { openHealingStore, type HealingFilter } from '../healing/healing-store.js';
import type { HealingEvent } from '../healing/healing-types.js';
import path from 'node:path';
import type { Baseline } from '../drift/baseline-store.js';
import { resolveInsideRoots } from '../base/allowed-roots.js';
import { createRunService, type RunRequest, type RunService } from './runs/run-service.js';
import { openRunStore, readRunStore } from './runs/run-store.js';
import { openJobStore } from './watch/job-store.js';
import { createWatchService, type WatchService } from './watch/watch-service.js';
import { announceServerUrl, claimStore, otherOwner, type OwnerRole, type StoreClaim, type StoreOwner } from '../store/project-lock.js';
import { checkStore, type StoreCheck } from './store-doctor.js';
import { driftReview, type DriftReviewer } from './review/drift-review.js';
import { servedFile } from './review/served-files.js';
import { queueSettings } from './queue/queue-settings.js';
import type { QueueService } from './queue/queue-service.js';
import { attemptViews, type AttemptView } from './review/attempt-evidence.js';
import type { AnalysisResult, AnalyzeRequest } from './analysis/analysis-types.js';
import {
  describeScreenshot,
  findElementOnScreenshot,
  type ElementSearch,
  type ScreenshotDescription,
  type ScreenshotRequest,
} from './screens/screenshot-operations.js';

/**
 * The application: what every front end (CLI, MCP and REST server, watcher, Playwright reporter) calls.
 * It owns the providers, so OCR workers and model clients live as long as the front end, not one call.
 */
export interface Vaider {
  readonly config: ResolvedConfig;
  /** The provider that answers a request naming `requested`, or none. */
  providerId(requested?: ProviderId): ProviderId;
  /** One analysis, not recorded as a run. */
  analyze(request: AnalyzeRequest): Promise<AnalysisResult>;
  /** Analyses recorded as runs: an id each, the run store, the content cache and the concurrency cap. */
  readonly runs: RunService;
  /** The watcher's durable queue and retry loop, when opened with `watch: true`. */
  readonly watch: WatchService | undefined;
  describeScreenshot(request: ScreenshotRequest): Promise<ScreenshotDescription>;
  findElement(request: ScreenshotRequest & { target: string }): Promise<ElementSearch>;
  /** Two screens compared: pixels, text, severity, a diff image (and a model's words when configured). */
  compare(request: CompareRequest): Promise<ScreenDrift>;
  /** Drives a flow file in a real browser with locator healing, records and verifies it, re-running under VaiderRules. */
  runFlow(request: FlowRunRequest): Promise<FlowOutcome>;
  /** Healing events of this project, for review. */
  healingEvents(filter?: HealingFilter): Promise<HealingEvent[]>;
  reviewHealing(id: string, verdict: 'approved' | 'rejected'): Promise<HealingEvent>;
  /** A person's review of a run's drift (the viewer): accept as the baseline, reject as a regression, masks. */
  readonly driftReview: DriftReviewer;
  /** The real path of a file the viewer may show (an artifact or a run's input inside the roots), or an error. */
  servedFile(file: string): Promise<string>;
  /** A run's input's attempts, oldest first, each with its verdict and evidence (the viewer's side by side). */
  attempts(runId: string): Promise<AttemptView[]>;
  /** Makes a finished run's keyframes its test's baseline, replacing the old one. */
  approveBaseline(run: { id: string; input: string; keyframes: Array<{ index: number; time: number; path: string }> }): Promise<Baseline>;
  /** Deletes the model answers kept under store_dir, so the next analyses ask the models again; returns the folder. */
  clearModelCache(): Promise<string>;
  /** Keyframes scaled down to `width` for agents that look at them; files Vaider wrote itself. */
  keyframeImages(paths: string[], width: number): Promise<ScaledImage[]>;
  /** Every store file checked (`vaider doctor`); with `repair`, unreadable ones moved aside. */
  checkStore(options: { repair: boolean }): Promise<StoreCheck>;
  /** Says in the store where this process serves REST, so the project's commands can hand it their work. */
  announceServer(url: string): Promise<void>;
  /** Another process that owns this project's store and serves REST: where to hand work. */
  servingOwner(): Promise<ServingOwner | null>;
  /**
   * The shared queue (BullMQ on Redis) when the rules name one (`queue.url`), loaded on first use;
   * undefined on one machine.
   */
  queue(): Promise<QueueService | undefined>;
  /** Ends the analyses' workers and gives up the store, so another process may own it. */
  close(): Promise<void>;
}

export type ServingOwner = StoreOwner & { url: string };

export interface OpenOptions {
  env?: NodeJS.ProcessEnv;
  /** Open the watcher's job queue too; its unfinished jobs resume at once. Implies `ownStore`. */
  watch?: boolean;
  /**
   * Own the project's store from the start (a server, a watcher), so a second one is refused at once
   * and a damaged store stops it before it serves; otherwise the store is claimed when first needed.
   */
  ownStore?: boolean;
  /**
   * What this process is to others wanting the store: a `command` is waited for (a while) by the next
   * command, a server or watcher is not. Defaults to `watcher` with `watch`, otherwise `server`. A
   * `worker` of the shared queue owns nothing: workers on many machines write their own runs, one file
   * each, into the same store.
   */
  role?: OwnerRole | 'worker';
  /** Called once when the store is held by another command and this one waits for it. */
  onStoreWait?: (owner: StoreOwner) => void;
}

/** How long a command waits for another command that holds the store (a long analysis with drift). */
const COMMAND_WAIT_MS = 10 * 60_000;

export async function openVaider(config: ResolvedConfig, options: OpenOptions = {}): Promise<Vaider> {
  // Vaider's own records obey the allowed roots like everything else it writes; checked when first
  // needed, so a one-off analysis with other roots does not fail on a store it never uses.
  let storeDirCheck: Promise<string> | undefined;
  const storeDir = () =>
    (storeDirCheck ??= resolveInsideRoots(path.resolve(config.projectRoot, config.rules.store_dir), config.allowedRoots));
  // One process writes a project's records (store/project-lock.ts). Claimed by what writes them; the
  // model response cache only adds files that never change, so analyses use it without owning.
  let claim: Promise<StoreClaim> | undefined;
  const ownedStoreDir = async () => {
    const dir = await storeDir();
    const role = options.role ?? (options.watch ? 'watcher' : 'server');
    if (role === 'worker') return dir;
    claim ??= claimStore(dir, { role, waitMs: role === 'command' ? COMMAND_WAIT_MS : 0, onWait: options.onStoreWait });
    // Refused now, perhaps free later: a long-lived front end asks again next time.
    await claim.catch((error: unknown) => {
      claim = undefined;
      throw error;
    });
    return dir;
  };
  let registry: ProviderRegistry | undefined;
  // Built on first use, so a command that never analyzes starts no OCR worker.
  const providerFor = (id?: ProviderId, sampling?: SamplingFunction): VisionProvider =>
    (registry ??= createProviderRegistry(config, storeDir, options.env)).get(chosenProvider(config, id), sampling);
  const ctx: UseCaseContext = { config, providerFor };
  const healingStore = async () => openHealingStore(await ownedStoreDir());
  // Drift keeps the baseline index and the learned dynamic regions, which are records of the store.
  const analyze = async (request: AnalyzeRequest) => {
    if (request.drift ?? config.rules.drift) await ownedStoreDir();
    return analyzeInput(ctx, request);
  };
  const providerId = (requested?: ProviderId) => chosenProvider(config, requested);
  // A worker shares the store with its owner and the other workers: ending runs is the owner's part.
  const runStore = async () => openRunStore(await ownedStoreDir(), { endInterrupted: options.role !== 'worker' });
  const settings = queueSettings(config);
  let queue: Promise<QueueService> | undefined;
  // BullMQ and its Redis client load only in a project that names a queue.
  const queueService = async () => (settings ? (queue ??= import('./queue/queue-service.js').then((m) => m.createQueueService(config, runs, settings))) : undefined);
  // A server's and a watcher's analyses go to the fleet when there is one; a command's stay here.
  const queued = settings && (options.ownStore || options.watch) ? async (request: RunRequest) => (await queueService())!.analyze(request) : undefined;
  const runs = createRunService({ config, providerId, analyze }, { open: runStore, read: async () => readRunStore(await storeDir()) }, queued);
  const releaseStore = async () => {
    const held = await claim?.catch(() => undefined);
    claim = undefined;
    await held?.release();
  };
  let watch: WatchService | undefined;
  try {
    if (options.ownStore || options.watch) await runStore();
    if (options.watch) watch = createWatchService({ config, runs }, await openJobStore(await ownedStoreDir()));
    // A server or watcher of a queued fleet shows every worker's runs as they land.
    if (settings && options.ownStore) (await queueService())!.followResults();
  } catch (error) {
    await releaseStore();
    throw error;
  }
  const approve: Vaider['approveBaseline'] = async (run) => {
    await ownedStoreDir();
    return approveBaseline(config, providerFor('local'), run.input, run.keyframes, run.id);
  };
  return {
    config,
    providerId,
    analyze,
    runs,
    watch,
    driftReview: driftReview({ config, runs, approveBaseline: approve }),
    servedFile: (file) => servedFile(config, runs, file),
    attempts: async (runId) => attemptViews((await runs.get(runId)).input),
    describeScreenshot: (request) => describeScreenshot(ctx, request),
    findElement: (request) => findElementOnScreenshot(ctx, request),
    compare: (request) => compareScreens(ctx, request),
    async runFlow(request) {
      await ownedStoreDir();
      // Flows bring YAML, patches and the browser drivers: loaded by the commands that drive one.
      // Each recording is verified as a recorded run, so flow runs are listed beside every other analysis.
      const verify = async (analysis: AnalyzeRequest) => (await runs.analyze({ ...analysis, noCache: true })).run.result?.verdict ?? null;
      return (await import('./flows/flow-runs.js')).runFlowFile(ctx, request, verify);
    },
    healingEvents: async (filter) => (await healingStore()).list(filter),
    reviewHealing: async (id, verdict) => (await healingStore()).review(id, verdict),
    approveBaseline: approve,
    async clearModelCache() {
      const dir = await ownedStoreDir();
      await openResponseCache(storeDir).clear();
      return modelCacheDir(dir);
    },
    keyframeImages: (paths, width) => Promise.all(paths.map((p) => scaledImage(p, width))),
    // Checking only reads; moving files aside is writing the store, so repair owns it first.
    checkStore: async ({ repair }) => checkStore(config, repair ? await ownedStoreDir() : await storeDir(), repair),
    announceServer: async (url) => announceServerUrl(await ownedStoreDir(), url),
    async servingOwner() {
      const owner = await otherOwner(await storeDir());
      return owner?.url ? { ...owner, url: owner.url } : null;
    },
    queue: queueService,
    async close() {
      await watch?.close();
      await (await queue?.catch(() => undefined))?.close();
      await registry?.close();
      registry = undefined;
      await releaseStore();
    },
  };
}
