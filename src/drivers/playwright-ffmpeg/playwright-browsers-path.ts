import os from 'node:os';
import path from 'node:path';

/** The variable as playwright-core reads it: npm config spellings count too, so `npm run` settings apply. */
function browsersPathSetting(env: NodeJS.ProcessEnv): string | undefined {
  return env.PLAYWRIGHT_BROWSERS_PATH ?? env.npm_config_playwright_browsers_path ?? env.npm_package_config_playwright_browsers_path;
}

/**
 * The folder where a given playwright-core copy looks for its browsers and its ffmpeg, computed the way
 * playwright-core does: PLAYWRIGHT_BROWSERS_PATH, where "0" means a folder inside the package itself,
 * else the user cache (`$XDG_CACHE_HOME` or `~/.cache`, then `ms-playwright`).
 */
export function playwrightBrowsersPath(coreDir: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const setting = browsersPathSetting(env);
  if (setting === '0') return path.join(coreDir, '.local-browsers');
  if (setting) return path.resolve(env.INIT_CWD || cwd, setting);
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ms-playwright');
}
