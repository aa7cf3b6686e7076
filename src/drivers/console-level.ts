import type { ConsoleEntry } from './browser-driver.js';

const LEVELS: Record<string, ConsoleEntry['level']> = {
  log: 'log',
  info: 'info',
  warning: 'warning',
  warn: 'warning',
  error: 'error',
  assert: 'error',
  debug: 'debug',
  verbose: 'debug',
  // Selenium's browser log (java.util.logging names).
  severe: 'error',
  fine: 'debug',
  finer: 'debug',
  finest: 'debug',
  config: 'debug',
  all: 'debug',
};

/** Engines name console levels differently; anything unknown (console.table, dir, trace) is a plain log. */
export function consoleLevel(name: string): ConsoleEntry['level'] {
  return LEVELS[name.toLowerCase()] ?? 'log';
}
