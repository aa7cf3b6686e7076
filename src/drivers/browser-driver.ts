/**
 * One browser, whichever engine drives it (Playwright or Selenium): what flows and locator healing
 * need from a browser, drawn from the source documents. Each engine is one file implementing it; the
 * engines' packages are imported only there.
 */

export type WaitCondition = 'load' | 'domcontentloaded' | 'networkidle' | 'visual-stable';

/** Where to act: an element by CSS selector, or a point in CSS pixels of the viewport. */
export type Target = { selector: string } | { point: { x: number; y: number } };

export interface ConsoleEntry {
  level: 'log' | 'info' | 'warning' | 'error' | 'debug';
  text: string;
  time: number;
}

export interface NetworkEntry {
  method: string;
  url: string;
  status: number | null;
  /** Set when the request failed without a response. */
  failure: string | null;
  time: number;
}

export interface Viewport {
  width: number;
  height: number;
}

export interface BrowserDriver {
  /** `playwright` or `selenium`. */
  readonly engine: string;
  navigate(url: string, waitFor?: WaitCondition): Promise<void>;
  click(target: Target): Promise<void>;
  type(target: Target, text: string): Promise<void>;
  scroll(target: Target | null, delta: { x: number; y: number }): Promise<void>;
  /** A PNG of the viewport. */
  screenshot(): Promise<Buffer>;
  /** Runs `script` (a function body; `args` are its arguments) in the page and returns its JSON-able result. */
  executeScript<T>(script: string, ...args: unknown[]): Promise<T>;
  consoleLogs(): ConsoleEntry[];
  networkLogs(): NetworkEntry[];
  viewport(): Viewport;
  setViewport(size: Viewport): Promise<void>;
  pageSource(): Promise<string>;
  url(): Promise<string>;
  /** Waits until the screen holds still: similarity ≥ 0.98 for 500 ms, polled every 100 ms, at most 30 s. */
  waitForVisualStability(options?: Partial<StabilityOptions>): Promise<StabilityResult>;
  /** Starts recording the viewport to `file` (.webm with Playwright, .mp4 with Selenium). */
  startRecording(file: string): Promise<void>;
  /** Stops recording; resolves with the finished video's path. */
  stopRecording(): Promise<string>;
  close(): Promise<void>;
}

export interface StabilityOptions {
  pollMs: number;
  similarity: number;
  stableMs: number;
  timeoutMs: number;
}

export interface StabilityResult {
  stable: boolean;
  /** Time spent waiting. */
  waitedMs: number;
  /** Screenshots taken. */
  polls: number;
}

export const DEFAULT_STABILITY: StabilityOptions = { pollMs: 100, similarity: 0.98, stableMs: 500, timeoutMs: 30_000 };
