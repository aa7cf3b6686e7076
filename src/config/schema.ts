import { z } from 'zod';

/**
 * VaiderRules.json. Keys are snake_case, as in the source documents. Every field has a default, so
 * an empty file (or none) is a working configuration on the offline `local` provider.
 */

import { PROVIDER_IDS } from './provider-ids.js';

export { MODEL_PROVIDER_IDS, PROVIDER_IDS, type ModelProviderId, type ProviderId } from './provider-ids.js';

const localProviderOptions = z
  .strictObject({
    ocr_workers: z
      .number()
      .int()
      .min(1)
      .max(8)
      .optional()
      .describe('Tesseract workers kept alive for OCR. Default: min(2, CPU cores).'),
    min_word_confidence: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('OCR words read with less confidence than this (0..1) are ignored.'),
  })
  .describe('Options of the offline local provider (OCR plus image analysis).');

const modelOptions = (provider: string, defaultModel: string) => ({
  model: z.string().min(1).default(defaultModel).describe(`The ${provider} model.`),
  timeout_seconds: z
    .number()
    .positive()
    .max(600)
    .optional()
    .describe('Timeout of one model call; default analysis_timeout_seconds.'),
});

const visionSection = z
  .strictObject({
    provider: z
      .enum(PROVIDER_IDS)
      .default('local')
      .describe(
        'The vision provider: local (offline OCR, the default), or a model: gemini, openai (any OpenAI-compatible server), ollama, or sampling (the MCP client\'s own model, through the server).',
      ),
    fallback: z
      .array(z.enum(PROVIDER_IDS))
      .default([])
      .describe('Providers tried in order when the one before fails (errors after retries, or an open circuit). local is always the last resort.'),
    escalation: z
      .enum(['never', 'uncertain', 'always'])
      .default('uncertain')
      .describe('When a model is asked: never; only for expectations the local provider marked uncertain (the cheap default); always.'),
    temperature: z.number().min(0).max(2).default(0).describe('Sampling temperature of model calls: 0 for reproducible verdicts.'),
    cache: z.boolean().default(true).describe('Answer repeated model questions (same frames, prompt, model and parameters) from the cache in store_dir.'),
    local: localProviderOptions.prefault({}),
    gemini: z
      .strictObject({ ...modelOptions('Gemini', 'gemini-2.5-flash'), base_url: z.string().url().optional().describe('API endpoint, for proxies and tests.') })
      .describe('Gemini (@google/genai); the key comes from GEMINI_API_KEY or GOOGLE_API_KEY.')
      .prefault({}),
    openai: z
      .strictObject({
        ...modelOptions('OpenAI-compatible', 'gpt-4o-mini'),
        base_url: z.string().url().optional().describe('Any OpenAI-compatible server: vLLM, LM Studio, llama.cpp server, OpenRouter. Default: OPENAI_BASE_URL or OpenAI.'),
      })
      .describe('OpenAI or an OpenAI-compatible server; the key comes from OPENAI_API_KEY.')
      .prefault({}),
    ollama: z
      .strictObject({ ...modelOptions('Ollama', 'qwen2.5vl'), host: z.string().url().optional().describe('Ollama server; default OLLAMA_HOST or http://127.0.0.1:11434.') })
      .describe('A local Ollama server with a vision model (llava, qwen2.5vl, llama3.2-vision).')
      .prefault({}),
  })
  .describe('Which vision provider answers, and its options.');

const keyframesSection = z
  .strictObject({
    max: z.number().int().min(2).max(200).default(24).describe('Most keyframes saved per video. Together they show every line of text the video showed; past the cap, fleeting text (typing, counters, clocks) is the first left without one, and the result names the times.'),
    stable_ms: z
      .number()
      .int()
      .min(0)
      .max(60_000)
      .default(500)
      .describe('A screen without new text that holds this long (video time) is saved as a keyframe too.'),
    sample_fps: z.number().min(1).max(60).default(10).describe('Frames per second sampled; every sampled frame that changed is read, in full or where it changed.'),
    contact_sheet: z.boolean().default(true).describe('Write contact-sheet.png: all keyframes in a labelled grid, failing evidence framed in red.'),
  })
  .describe('How a video is sampled and which frames are saved.');

const limitsSection = z
  .strictObject({
    max_duration_seconds: z
      .number()
      .positive()
      .default(1800)
      .describe('Longer videos are analyzed up to this point only, and the result says so.'),
    max_dimension: z
      .number()
      .int()
      .min(64)
      .default(3840)
      .describe('Frames wider or taller than this are scaled down to fit, and the result says so.'),
  })
  .describe('Caps that keep absurd inputs from exhausting the machine.');

const serverSection = z
  .strictObject({
    host: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe('Address the server binds to. Anything but loopback requires VAIDER_TOKEN, sent as a bearer token.'),
    port: z.number().int().min(0).max(65535).default(3456).describe('Port of the MCP server and REST API (0 picks a free one).'),
    max_body_kb: z.number().int().min(1).max(102_400).default(1024).describe('Largest accepted request body, in KiB.'),
    max_sessions: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(100)
      .describe('Most MCP sessions open at once (Streamable HTTP and SSE together). A new one closes the least recently active idle session; when every session has a request in flight, it is refused.'),
    session_idle_seconds: z
      .number()
      .positive()
      .max(86_400)
      .default(1800)
      .describe('An MCP session with no request for this long is closed; its client starts a new one.'),
    headers_timeout_seconds: z
      .number()
      .positive()
      .max(600)
      .default(10)
      .describe('Longest a client may take to send the headers of a request.'),
    request_timeout_seconds: z
      .number()
      .positive()
      .max(3600)
      .default(30)
      .describe('Longest a client may take to send a whole request, headers and body (at least headers_timeout_seconds). Answers may take longer.'),
  })
  .describe('The MCP server and REST API (vaider serve).');

const watchSection = z
  .strictObject({
    extra_patterns: z
      .array(z.string().min(1))
      .default(['test-output/**/*.webm', 'test-results/**/*.{mp4,webm}'])
      .describe('More globs of videos to analyze, besides video_trigger_pattern: Playwright records .webm under test-results/.'),
    screenshot_pattern: z
      .string()
      .min(1)
      .default('{test-output,test-results}/**/*.{png,jpg,jpeg}')
      .describe('Glob of screenshots to analyze.'),
    ignore: z
      .array(z.string().min(1))
      .default(['**/node_modules/**', '**/.git/**'])
      .describe('Globs never watched. Interactions folders and store_dir are always ignored, so Vaider never analyzes its own output.'),
    stable_ms: z
      .number()
      .int()
      .min(50)
      .max(60_000)
      .default(500)
      .describe('A file counts as written once its size and time stop changing for this long.'),
  })
  .describe('What the watcher (vaider watch, vaider serve) picks up.');

export const vaiderRulesSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
    video_trigger_pattern: z
      .string()
      .default('test-output/**/*.mp4')
      .describe('Glob of test videos to analyze, relative to the project root.'),
    analysis_timeout_seconds: z
      .number()
      .positive()
      .max(3600)
      .default(30)
      .describe(
        'Time budget of one analysis, in seconds for each minute of video (a clip or a screenshot gets one minute\'s): a ten-minute recording gets ten times as long. Past four fifths of it a video\'s remaining frames are not read, and the verdicts that needed them are uncertain; past all of it the analysis stops as a timeout.',
      ),
    on_mismatch: z
      .enum(['retry', 'notify', 'ignore'])
      .default('retry')
      .describe('What to do when a verdict is a mismatch: re-run the test, tell the developer, or nothing.'),
    max_mismatch_retries: z.number().int().min(0).max(20).default(5).describe('Re-runs after a mismatch before giving up.'),
    max_error_retries: z.number().int().min(0).max(20).default(3).describe('Re-runs after an analysis error or timeout.'),
    rerun_command: z
      .array(z.string())
      .min(1)
      .nullable()
      .default(null)
      .describe(
        'The command that re-runs one test, as an argv array run without a shell; {test_file}, {test_title} and {video} are replaced. E.g. ["npx", "playwright", "test", "{test_file}", "-g", "{test_title}"].',
      ),
    rerun_timeout_seconds: z.number().positive().max(7200).default(300).describe('A re-run still going after this long is stopped and counts as an error.'),
    expectations: z
      .record(z.string(), z.array(z.string().min(1)))
      .default({})
      .describe('Expectations for videos without a sidecar file, keyed by a glob of the video path (relative to the project) or by a test title.'),
    watch: watchSection.prefault({}),
    vision: visionSection.prefault({}),
    keyframes: keyframesSection.prefault({}),
    limits: limitsSection.prefault({}),
    server: serverSection.prefault({}),
    max_concurrent_analyses: z
      .number()
      .int()
      .min(1)
      .max(64)
      .optional()
      .describe('Analyses run at once; the rest wait in order. Default: CPU cores − 1, at least 1.'),
    healing: z
      .strictObject({
        apply: z.number().min(0).max(1).default(0.9).describe('A healed locator at least this confident is used, and the run goes on.'),
        propose: z.number().min(0).max(1).default(0.8).describe('At least this confident: used for this run, and a patch is written for a person to apply.'),
        review: z.number().min(0).max(1).default(0.7).describe('At least this confident: the step fails and the candidates are listed for review; below, it just fails.'),
        auto_commit: z.boolean().default(false).describe('Rewrite the flow file with applied locators (keeping a .bak backup).'),
      })
      .describe('Locator healing for driven flows (vaider run flow).')
      .prefault({}),
    drift: z
      .boolean()
      .default(false)
      .describe('Compare each analyzed input with its baseline (made from its first run) and report what drifted.'),
    dynamic_regions: z
      .strictObject({
        learn_after: z
          .number()
          .int()
          .min(2)
          .max(100)
          .default(3)
          .describe('A region that differs from the baseline in this many runs is dynamic (a clock, a spinner, a random id) and suggested for masking.'),
        auto_mask: z.boolean().default(false).describe('Leave dynamic regions out of later comparisons instead of only suggesting them.'),
      })
      .describe('Learning which parts of a screen change from run to run.')
      .prefault({}),
    baselines_dir: z
      .string()
      .min(1)
      .default('.vaider/baselines')
      .describe('Where baselines are kept (relative to the rules file); meant to be committed.'),
    queue: z
      .strictObject({
        url: z
          .string()
          .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
          .optional()
          .describe('Redis for a shared queue (BullMQ), e.g. redis://host:6379: `vaider submit` enqueues, `vaider worker` processes on any machine that sees the same project storage. Unset: one machine, the embedded queue.'),
        name: z.string().regex(/^[\w-]+$/).default('vaider').describe("The queue's name in Redis: one per project sharing a Redis."),
        lock_seconds: z
          .number()
          .min(1)
          .max(600)
          .default(30)
          .describe("How long a worker's hold on a job lasts unless renewed: a killed worker's job runs again elsewhere after about this long."),
        rate_limit: z
          .strictObject({
            max: z.number().int().min(1).describe('Jobs started at most…'),
            per_seconds: z.number().min(0.1).describe('…per this many seconds, across every worker (a model provider quota).'),
          })
          .optional()
          .describe('Shared by every worker of the queue, so 40 workers do not exceed an API quota.'),
      })
      .describe('Past one machine: analysis jobs in Redis with BullMQ (docs/scale.md).')
      .prefault({}),
    interactions: z
      .strictObject({
        keep_attempts: z
          .number()
          .int()
          .min(1)
          .default(20)
          .describe('Attempts kept in each <input>.VaiderInteractions/attempts/; older finished ones are removed, and the folder README says how many.'),
      })
      .describe('The interactions folder written beside each input.')
      .prefault({}),
    store_dir: z
      .string()
      .min(1)
      .default('.vaider')
      .describe('Folder (relative to the rules file) for Vaider\'s own records: past runs and their cache.'),
    allowed_roots: z
      .array(z.string().min(1))
      .min(1)
      .default(['.'])
      .describe('Folders Vaider may read and write, relative to the rules file. Nothing outside them is touched.'),
  })
  .describe('Vaider rules: how test videos and screenshots are analyzed.');

/** What a user may write: every field optional. */
export type VaiderRulesInput = z.input<typeof vaiderRulesSchema>;
/** What the program uses: every field present. */
export type VaiderRules = z.output<typeof vaiderRulesSchema>;

/** The rules with nothing configured but `fields`: what a VaiderRules.json holding only them resolves to. */
export function defaultRules(fields: VaiderRulesInput = {}): VaiderRules {
  return vaiderRulesSchema.parse(fields);
}
