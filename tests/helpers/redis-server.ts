import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { scratchDir } from './media-fixtures.js';

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

/** A free loopback port, asked of the kernel. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Debian's redis-server (npm run setup installs it) on a random loopback port, with its own temporary
 * folder and no persistence: a real Redis for each test file, gone when it stops.
 */
export async function startRedis(): Promise<RedisServer> {
  const { dir, cleanup } = await scratchDir('vaider-redis-');
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  // Polled by hand: this runs in beforeAll, where expect.poll is not allowed.
  for (const started = Date.now(); !/Ready to accept connections/.test(log); ) {
    if (child.exitCode !== null || Date.now() - started > 15_000) throw new Error(`redis-server did not start (is it installed? npm run setup installs it):\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      await cleanup();
    },
  };
}
