import { VaiderError } from '../base/errors.js';

/** What a user may put in `['vaider/playwright', { … }]`. */
export interface VaiderReporterOptions {
  /** Analyze each recorded video when the run ends (default true); false only writes the sidecars a watcher reads. */
  analyze?: boolean;
  /** Fail the run when any verdict is a mismatch (default false: the verdicts are reported, the run's status kept). */
  failOnMismatch?: boolean;
}

export type ResolvedReporterOptions = Required<VaiderReporterOptions>;

function booleanOption(options: Record<string, unknown>, name: keyof VaiderReporterOptions, fallback: boolean): boolean {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new VaiderError('CONFIG_INVALID', `vaider/playwright reporter option "${name}" must be true or false, got ${JSON.stringify(value)}.`, { option: name });
  }
  return value;
}

/** Playwright adds its own keys (configDir, outputFolder…) to every reporter's options; those are ignored. */
export function reporterOptions(raw: unknown): ResolvedReporterOptions {
  const options = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    analyze: booleanOption(options, 'analyze', true),
    failOnMismatch: booleanOption(options, 'failOnMismatch', false),
  };
}
