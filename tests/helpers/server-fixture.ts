import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openVaider, type Vaider } from '../../src/app/vaider.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { VaiderRulesInput } from '../../src/config/schema.js';
import { startServer, type ServerHandle } from '../../src/server/start-server.js';
import { LOGIN_ERROR_SCREEN, LOGIN_FLOW, makeScreenshot, makeVideo, scratchDir } from './media-fixtures.js';

export interface ServerFixture {
  dir: string;
  video: string;
  screenshot: string;
  vaider: Vaider;
  server: ServerHandle;
  close(): Promise<void>;
}

/** A project folder with a login video and screenshot, and a real server for it on port 0. */
export async function startServerFixture(
  options: { token?: string; rules?: VaiderRulesInput } = {},
): Promise<ServerFixture> {
  const { dir, cleanup } = await scratchDir('vaider-server-');
  await mkdir(path.join(dir, 'test-output'));
  const video = await makeVideo(path.join(dir, 'test-output', 'login.mp4'), LOGIN_FLOW);
  const screenshot = await makeScreenshot(path.join(dir, 'test-output', 'error.png'), LOGIN_ERROR_SCREEN);
  const config = loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir], ...options.rules } });
  const vaider = await openVaider(config);
  const server = await startServer({ vaider, host: '127.0.0.1', port: 0, token: options.token, maxBodyKb: 64 });
  return {
    dir,
    video,
    screenshot,
    vaider,
    server,
    async close() {
      await server.close();
      await vaider.close();
      await cleanup();
    },
  };
}
