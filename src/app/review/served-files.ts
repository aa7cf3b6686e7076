import path from 'node:path';
import { isInside, resolveInsideRoots } from '../../base/allowed-roots.js';
import { VaiderError } from '../../base/errors.js';
import type { ResolvedConfig } from '../../config/load-config.js';
import { INTERACTIONS_SUFFIX } from '../../interactions/interaction-log.js';
import { MAX_RUNS } from '../runs/run-store.js';
import type { RunService } from '../runs/run-service.js';

const inInteractionsFolder = (real: string) => real.split(path.sep).some((part) => part.endsWith(INTERACTIONS_SUFFIX));

/**
 * The real path of a file the viewer may show, or an error: inside the allowed roots (symlinks
 * resolved, checked first), and one of Vaider's own artifacts (in an interactions folder or the
 * baselines) or the input of a recorded run. Anything else in the project stays unseen, even inside
 * the roots.
 */
export async function servedFile(config: ResolvedConfig, runs: RunService, file: string): Promise<string> {
  if (!path.isAbsolute(file)) throw new VaiderError('BAD_ARGUMENT', `Give an absolute path, not "${file}".`, { path: file });
  const real = await resolveInsideRoots(file, config.allowedRoots);
  if (inInteractionsFolder(real)) return real;
  const baselines = await resolveInsideRoots(path.resolve(config.projectRoot, config.rules.baselines_dir), config.allowedRoots);
  if (isInside(real, baselines)) return real;
  // Runs keep their input's real path, as resolved when they were asked for.
  if ((await runs.list({ limit: MAX_RUNS })).some((run) => run.input === real)) return real;
  throw new VaiderError('FILE_NOT_SERVED', `${file} is neither a recorded run's input nor in an interactions folder or the baselines; the viewer shows only those.`, { path: file });
}
