import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export type DemoVersion = 'v1' | 'v2';

export interface DemoServer {
  /** Origin of the served app, e.g. http://127.0.0.1:4173 (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

/** Serves one version of the demo app at `/` on 127.0.0.1; port 0 picks a free one. */
export async function serveDemo(version: DemoVersion, port = 0): Promise<DemoServer> {
  const html = await readFile(path.join(import.meta.dirname, version, 'index.html'));
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/' || pathname === '/index.html') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
