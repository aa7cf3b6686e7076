import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-ins for Gemini, OpenAI and Ollama that speak each vendor's wire protocol, so the real
 * SDKs run against them. Each records what it received and answers from a queue of scripted replies,
 * falling back to what the vendor would answer (including its auth and unknown-model errors).
 */

export interface ScriptedReply {
  /** Default 200. */
  status?: number;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, for bodies that are not valid JSON. */
  raw?: string;
  /** Default application/json, even for `raw`: a proxy's broken body claims to be JSON too. */
  contentType?: string;
  /** More response headers, such as the upload protocol's `x-goog-upload-*`. */
  headers?: Record<string, string>;
  /** Wait this long before answering (unless the client hangs up first). */
  delayMs?: number;
  /** Send the headers and only this many bytes of the body, then drop the connection. */
  truncateAt?: number;
}

export interface RecordedRequest {
  route: string;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** The body parsed as JSON, when it was sent as JSON. */
  body: unknown;
  /** The client closed the connection before the answer was complete (an abort or a timeout). */
  hungUp: boolean;
}

export interface FakeUsage {
  input: number;
  output: number;
}

/** What every vendor's fake offers for the model call itself, so tests can run one matrix over all. */
export interface FakeModelServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Requests to the model-call endpoint only. */
  calls(): RecordedRequest[];
  /** Queue replies for the next model calls. */
  enqueueCall(...replies: ScriptedReply[]): void;
  /** Queue a well-formed answer whose content is `text`. */
  answer(text: string, usage?: FakeUsage): void;
  /** Queue an error in the vendor's error format. */
  fail(status: number, message: string): void;
  close(): Promise<void>;
}

interface Route<R extends string> {
  name: R;
  method: string;
  path: RegExp;
  answer(request: RecordedRequest, match: RegExpExecArray): ScriptedReply;
}

const DEFAULT_ANSWER = '{"status":"pass","explanation":"The welcome page is shown."}';
const DEFAULT_USAGE: FakeUsage = { input: 1290, output: 42 };

abstract class FakeServer<R extends string> implements FakeModelServer {
  readonly requests: RecordedRequest[] = [];
  url = '';
  private readonly queues = new Map<R, ScriptedReply[]>();
  private readonly server: Server = createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => {
      // A fake that breaks should fail the test loudly, not leave the client waiting.
      if (!res.headersSent) res.writeHead(599, { 'content-type': 'text/plain' });
      res.end(`fake server error: ${String(error)}`);
    });
  });

  protected abstract readonly callRoute: R;
  protected abstract routes(): Route<R>[];
  /** The vendor's answer to a request without valid credentials, if it checks them. */
  protected abstract rejectAuth(request: RecordedRequest): ScriptedReply | undefined;
  abstract answer(text: string, usage?: FakeUsage): void;
  abstract fail(status: number, message: string): void;

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  enqueue(route: R, ...replies: ScriptedReply[]): void {
    this.queues.set(route, [...(this.queues.get(route) ?? []), ...replies]);
  }

  enqueueCall(...replies: ScriptedReply[]): void {
    this.enqueue(this.callRoute, ...replies);
  }

  requestsTo(route: R): RecordedRequest[] {
    return this.requests.filter((request) => request.route === route);
  }

  calls(): RecordedRequest[] {
    return this.requestsTo(this.callRoute);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const matched = this.routes()
      .filter((route) => route.method === method)
      .map((route) => ({ route, match: route.path.exec(url.pathname) }))
      .find((candidate) => candidate.match !== null);
    const recorded: RecordedRequest = {
      route: matched?.route.name ?? 'unknown',
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      body: parseJsonBody(rawBody, req.headers['content-type']),
      hungUp: false,
    };
    this.requests.push(recorded);
    res.on('close', () => {
      if (!res.writableFinished) recorded.hungUp = true;
    });
    const reply = !matched?.match
      ? { status: 404, raw: `no fake route for ${method} ${url.pathname}`, contentType: 'text/plain' }
      : (this.queues.get(matched.route.name)?.shift() ?? this.rejectAuth(recorded) ?? matched.route.answer(recorded, matched.match));
    await sendReply(res, reply);
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJsonBody(body: Buffer, contentType: string | undefined): unknown {
  if (!contentType?.includes('json') || body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

async function sendReply(res: ServerResponse, reply: ScriptedReply): Promise<void> {
  if (reply.delayMs) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, reply.delayMs);
      res.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  if (res.destroyed) return;
  const body = Buffer.from(reply.raw ?? JSON.stringify(reply.json ?? {}));
  res.writeHead(reply.status ?? 200, { ...reply.headers, 'content-type': reply.contentType ?? 'application/json', 'content-length': body.length });
  if (reply.truncateAt === undefined) {
    res.end(body);
    return;
  }
  res.write(body.subarray(0, reply.truncateAt), () => res.destroy());
}

// ---------------------------------------------------------------------------------------------- Gemini

export interface GeminiUpload {
  /** `files/<id>`, as the API names it. */
  name: string;
  uri: string;
  /** The JSON body of the request that started the upload. */
  metadata: unknown;
  mimeType: string;
  bytes: Buffer;
  polls: number;
  deleted: boolean;
}

export interface FakeGeminiOptions {
  apiKey: string;
  models?: string[];
  /** How many `GET files/<id>` answer PROCESSING before the final state. */
  processingPolls?: number;
  /** Where processing ends. */
  processedState?: 'ACTIVE' | 'FAILED';
}

type GeminiRoute = 'generate' | 'upload' | 'getFile' | 'deleteFile';

/** An upload started but not finalized yet. */
interface UploadSession {
  metadata: unknown;
  mimeType: string;
  /** What the start request announced in `X-Goog-Upload-Header-Content-Length`. */
  length: number;
  chunks: Buffer[];
}

/**
 * Gemini v1beta as @google/genai uses it: `POST /v1beta/models/<m>:generateContent` with the key in
 * `x-goog-api-key`; a video upload in Google's resumable protocol, all on `POST /upload/v1beta/files`
 * (a `start` request with the metadata, answered with an `x-goog-upload-url`, then chunks to that URL,
 * the last one `upload, finalize`), then `GET` and `DELETE /v1beta/files/<id>`.
 */
export class FakeGemini extends FakeServer<GeminiRoute> {
  readonly uploads: GeminiUpload[] = [];
  protected readonly callRoute = 'generate';
  private readonly models: string[];
  private readonly sessions = new Map<string, UploadSession>();
  private uploadsStarted = 0;

  constructor(private readonly options: FakeGeminiOptions) {
    super();
    this.models = options.models ?? ['gemini-2.5-flash'];
  }

  answer(text: string, usage = DEFAULT_USAGE): void {
    this.enqueueCall({ json: geminiAnswer(text, usage, this.models[0] ?? 'gemini') });
  }

  fail(status: number, message: string): void {
    this.enqueueCall(geminiError(status, message));
  }

  protected rejectAuth(request: RecordedRequest): ScriptedReply | undefined {
    if (request.headers['x-goog-api-key'] === this.options.apiKey) return undefined;
    // Gemini answers a bad key with 400, not 401.
    return geminiError(400, 'API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT');
  }

  protected routes(): Route<GeminiRoute>[] {
    return [
      { name: 'generate', method: 'POST', path: /^\/v1beta\/models\/([^/:]+):generateContent$/, answer: (_r, m) => this.generate(m[1] ?? '') },
      { name: 'upload', method: 'POST', path: /^\/upload\/v1beta\/files$/, answer: (r) => this.upload(r) },
      { name: 'getFile', method: 'GET', path: /^\/v1beta\/files\/([^/]+)$/, answer: (_r, m) => this.getFile(m[1] ?? '') },
      { name: 'deleteFile', method: 'DELETE', path: /^\/v1beta\/files\/([^/]+)$/, answer: (_r, m) => this.deleteFile(m[1] ?? '') },
    ];
  }

  private generate(model: string): ScriptedReply {
    if (!this.models.includes(model)) {
      return geminiError(404, `models/${model} is not found for API version v1beta, or is not supported for generateContent.`);
    }
    return { json: geminiAnswer(DEFAULT_ANSWER, DEFAULT_USAGE, model) };
  }

  private upload(request: RecordedRequest): ScriptedReply {
    if (headerOf(request, 'x-goog-upload-protocol') === 'resumable' && headerOf(request, 'x-goog-upload-command') === 'start') {
      return this.startUpload(request);
    }
    const id = request.query.get('upload_id');
    const session = id === null ? undefined : this.sessions.get(id);
    if (id === null || !session) return geminiError(400, 'Upload has to be started with X-Goog-Upload-Protocol: resumable and X-Goog-Upload-Command: start.');
    return this.uploadChunk(request, id, session);
  }

  private startUpload(request: RecordedRequest): ScriptedReply {
    const length = Number(headerOf(request, 'x-goog-upload-header-content-length'));
    const mimeType = headerOf(request, 'x-goog-upload-header-content-type');
    if (!Number.isInteger(length) || !mimeType || !isRecord(request.body)) {
      return geminiError(400, 'The start request needs the media length and type headers and JSON metadata.');
    }
    const id = `upload${++this.uploadsStarted}`;
    this.sessions.set(id, { metadata: request.body, mimeType, length, chunks: [] });
    return {
      raw: '',
      headers: { 'x-goog-upload-status': 'active', 'x-goog-upload-url': `${this.url}/upload/v1beta/files?upload_id=${id}&upload_protocol=resumable` },
    };
  }

  private uploadChunk(request: RecordedRequest, id: string, session: UploadSession): ScriptedReply {
    const command = headerOf(request, 'x-goog-upload-command') ?? '';
    const received = session.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    if (!command.startsWith('upload') || Number(headerOf(request, 'x-goog-upload-offset')) !== received) {
      return geminiError(400, `Upload chunks need X-Goog-Upload-Command: upload and X-Goog-Upload-Offset: ${received}.`);
    }
    session.chunks.push(request.rawBody);
    if (!command.endsWith('finalize')) return { raw: '', headers: { 'x-goog-upload-status': 'active' } };
    this.sessions.delete(id);
    const bytes = Buffer.concat(session.chunks);
    if (bytes.length !== session.length) return geminiError(400, `Announced ${session.length} bytes, received ${bytes.length}.`);
    const fileId = `fake${this.uploads.length + 1}`;
    const upload: GeminiUpload = {
      name: `files/${fileId}`,
      uri: `${this.url}/v1beta/files/${fileId}`,
      metadata: session.metadata,
      mimeType: session.mimeType,
      bytes,
      polls: 0,
      deleted: false,
    };
    this.uploads.push(upload);
    return { json: { file: fileResource(upload, 'PROCESSING') }, headers: { 'x-goog-upload-status': 'final' } };
  }

  private getFile(id: string): ScriptedReply {
    const upload = this.uploads.find((candidate) => candidate.name === `files/${id}` && !candidate.deleted);
    if (!upload) return geminiError(403, `You do not have permission to access the File ${id} or it may not exist.`, 'PERMISSION_DENIED');
    upload.polls += 1;
    const state = upload.polls >= (this.options.processingPolls ?? 1) ? (this.options.processedState ?? 'ACTIVE') : 'PROCESSING';
    return { json: fileResource(upload, state) };
  }

  private deleteFile(id: string): ScriptedReply {
    const upload = this.uploads.find((candidate) => candidate.name === `files/${id}`);
    if (upload) upload.deleted = true;
    return { json: {} };
  }
}

export function startFakeGemini(options: FakeGeminiOptions): Promise<FakeGemini> {
  return new FakeGemini(options).listen();
}

export function geminiAnswer(text: string, usage: FakeUsage, model: string): unknown {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: usage.input, candidatesTokenCount: usage.output, totalTokenCount: usage.input + usage.output },
    modelVersion: model,
    responseId: 'fake-response',
  };
}

const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

function geminiError(status: number, message: string, code = GOOGLE_STATUS[status] ?? 'UNKNOWN'): ScriptedReply {
  return { status, json: { error: { code: status, message, status: code } } };
}

/** A header sent once: Node types custom headers as a string or a list. */
function headerOf(request: RecordedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function fileResource(upload: GeminiUpload, state: string): unknown {
  const now = new Date().toISOString();
  return {
    name: upload.name,
    displayName: isRecord(upload.metadata) && isRecord(upload.metadata.file) ? upload.metadata.file.displayName : undefined,
    mimeType: upload.mimeType,
    sizeBytes: String(upload.bytes.length),
    createTime: now,
    updateTime: now,
    expirationTime: new Date(Date.now() + 48 * 3600_000).toISOString(),
    sha256Hash: 'ZmFrZQ==',
    uri: upload.uri,
    state,
    ...(state === 'FAILED' && { error: { code: 3, message: 'The video could not be decoded.' } }),
    source: 'UPLOADED',
  };
}

// ---------------------------------------------------------------------------------------------- OpenAI

export interface FakeOpenAIOptions {
  apiKey: string;
  models?: string[];
}

/**
 * OpenAI's Chat Completions (`POST /v1/chat/completions`, `Authorization: Bearer <key>`), as the
 * openai SDK and every OpenAI-compatible server speak it. The model that answers is a dated snapshot
 * of the one asked for, as OpenAI reports it.
 */
export class FakeOpenAI extends FakeServer<'chat'> {
  protected readonly callRoute = 'chat';
  private readonly models: string[];

  constructor(private readonly options: FakeOpenAIOptions) {
    super();
    this.models = options.models ?? ['gpt-4o-mini'];
  }

  answer(text: string, usage = DEFAULT_USAGE): void {
    this.enqueueCall({ json: openaiAnswer(text, usage, `${this.models[0] ?? 'gpt'}-2024-07-18`) });
  }

  fail(status: number, message: string): void {
    this.enqueueCall(openaiError(status, message, status === 429 ? 'rate_limit_exceeded' : null));
  }

  protected rejectAuth(request: RecordedRequest): ScriptedReply | undefined {
    if (request.headers.authorization === `Bearer ${this.options.apiKey}`) return undefined;
    // OpenAI masks most of the key it rejects; some compatible servers echo it whole, as here.
    const given = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    return openaiError(401, `Incorrect API key provided: ${given}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_api_key');
  }

  protected routes(): Route<'chat'>[] {
    return [{ name: 'chat', method: 'POST', path: /^\/v1\/chat\/completions$/, answer: (request) => this.chat(request) }];
  }

  private chat(request: RecordedRequest): ScriptedReply {
    const model = isRecord(request.body) && typeof request.body.model === 'string' ? request.body.model : '';
    if (!this.models.includes(model)) {
      return openaiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'model_not_found');
    }
    return { json: openaiAnswer(DEFAULT_ANSWER, DEFAULT_USAGE, `${model}-2024-07-18`) };
  }
}

export function startFakeOpenAI(options: FakeOpenAIOptions): Promise<FakeOpenAI> {
  return new FakeOpenAI(options).listen();
}

export function openaiAnswer(text: string, usage: FakeUsage, model: string): unknown {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
    system_fingerprint: 'fp_fake',
  };
}

function openaiError(status: number, message: string, code: string | null): ScriptedReply {
  const type = status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { status, json: { error: { message, type, param: null, code } } };
}

// ---------------------------------------------------------------------------------------------- Ollama

export interface FakeOllamaOptions {
  /** Pulled models, without the `:latest` tag. */
  models?: string[];
}

/** Ollama's HTTP API: `POST /api/chat` (with `stream: false`) and `GET /api/tags`. No auth. */
export class FakeOllama extends FakeServer<'chat' | 'tags'> {
  protected readonly callRoute = 'chat';
  private readonly models: string[];

  constructor(options: FakeOllamaOptions = {}) {
    super();
    this.models = options.models ?? ['qwen2.5vl'];
  }

  answer(text: string, usage = DEFAULT_USAGE): void {
    this.enqueueCall({ json: ollamaAnswer(text, usage, this.models[0] ?? 'model') });
  }

  fail(status: number, message: string): void {
    this.enqueueCall({ status, json: { error: message } });
  }

  protected rejectAuth(): undefined {
    return undefined;
  }

  protected routes(): Route<'chat' | 'tags'>[] {
    return [
      { name: 'chat', method: 'POST', path: /^\/api\/chat$/, answer: (request) => this.chat(request) },
      { name: 'tags', method: 'GET', path: /^\/api\/tags$/, answer: () => ({ json: { models: this.models.map(tagEntry) } }) },
    ];
  }

  private chat(request: RecordedRequest): ScriptedReply {
    const body = isRecord(request.body) ? request.body : {};
    const model = typeof body.model === 'string' ? body.model : '';
    if (!this.models.includes(model.replace(/:latest$/, ''))) {
      return { status: 404, json: { error: `model "${model}" not found, try pulling it first` } };
    }
    if (body.stream !== false) return { status: 400, json: { error: 'this fake answers stream: false only' } };
    return { json: ollamaAnswer(DEFAULT_ANSWER, DEFAULT_USAGE, model) };
  }
}

export function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeOllama> {
  return new FakeOllama(options).listen();
}

export function ollamaAnswer(text: string, usage: FakeUsage, model: string): unknown {
  return {
    model,
    created_at: new Date().toISOString(),
    message: { role: 'assistant', content: text },
    done_reason: 'stop',
    done: true,
    total_duration: 2_100_000_000,
    load_duration: 50_000_000,
    prompt_eval_count: usage.input,
    prompt_eval_duration: 900_000_000,
    eval_count: usage.output,
    eval_duration: 1_100_000_000,
  };
}

function tagEntry(name: string): unknown {
  return {
    name: `${name}:latest`,
    model: `${name}:latest`,
    modified_at: '2026-01-01T00:00:00Z',
    size: 6_000_000_000,
    digest: 'fake',
    details: { parent_model: '', format: 'gguf', family: 'qwen25vl', families: ['qwen25vl'], parameter_size: '8.3B', quantization_level: 'Q4_K_M' },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
