import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { VaiderError } from '../base/errors.js';

export interface FfmpegBinaries {
  ffmpeg: string;
  ffprobe: string;
}

const require = createRequire(import.meta.url);

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The installer packages throw (a string, not an Error) on platforms they do not ship for. */
function fromPackage(name: string): string | undefined {
  try {
    const found = require(name) as { path?: string };
    return found.path && isExecutable(found.path) ? found.path : undefined;
  } catch {
    return undefined;
  }
}

function locate(tool: 'ffmpeg' | 'ffprobe', env: NodeJS.ProcessEnv): string {
  const envNames = [`VAIDER_${tool.toUpperCase()}_PATH`, `${tool.toUpperCase()}_PATH`];
  for (const name of envNames) {
    const value = env[name];
    if (!value) continue;
    if (!isExecutable(value)) {
      throw new VaiderError('FFMPEG_NOT_FOUND', `${name} points to ${value}, which is not an executable file.`, { tool, env: name });
    }
    return value;
  }
  const shipped = fromPackage(`@${tool}-installer/${tool}`);
  if (shipped) return shipped;
  throw new VaiderError(
    'FFMPEG_NOT_FOUND',
    `No ${tool} found: set ${envNames[0]} or run npm install so @${tool}-installer/${tool} ships one.`,
    { tool },
  );
}

let cached: FfmpegBinaries | undefined;

/** Environment override first, then the binaries that registry packages ship. */
export function ffmpegBinaries(env: NodeJS.ProcessEnv = process.env): FfmpegBinaries {
  if (env === process.env && cached) return cached;
  const found = { ffmpeg: locate('ffmpeg', env), ffprobe: locate('ffprobe', env) };
  if (env === process.env) cached = found;
  return found;
}
