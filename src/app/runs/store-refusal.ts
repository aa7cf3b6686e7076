import path from 'node:path';
import { VaiderError } from '../../base/errors.js';
import type { ResolvedConfig } from '../../config/load-config.js';

/**
 * Whether only the run store refused: another process owns it, or it lies outside the allowed roots
 * given. The analysis itself can then still run, unrecorded (the CLI and the Playwright reporter do).
 */
export function storeRefused(error: unknown, config: ResolvedConfig): error is VaiderError {
  if (!(error instanceof VaiderError)) return false;
  if (error.code === 'STORE_LOCKED') return true;
  return error.code === 'PATH_OUTSIDE_ROOTS' && error.details.path === path.resolve(config.projectRoot, config.rules.store_dir);
}
