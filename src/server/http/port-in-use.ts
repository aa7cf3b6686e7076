import { VaiderError } from '../../base/errors.js';

/** Long enough for a local server to answer its health check, short enough not to hold up start-up. */
const PROBE_MS = 1500;

/** What holds the port: a Vaider answers its health check with its version; anything else is another program. */
async function holderOf(host: string, port: number): Promise<string> {
  const shown = host.includes(':') ? `[${host}]` : host;
  try {
    const response = await fetch(`http://${shown}:${port}/v1/health`, { signal: AbortSignal.timeout(PROBE_MS) });
    const health = (await response.json()) as { status?: unknown; version?: unknown };
    if (health.status === 'ok' && typeof health.version === 'string') return `another vaider serve (${health.version})`;
  } catch {
    // Not HTTP, not JSON, or no answer in time: not a Vaider.
  }
  return 'another program';
}

/** EADDRINUSE as a coded error that says what holds the port and how to choose another. */
export async function portInUse(host: string, port: number, cause: unknown): Promise<VaiderError> {
  const holder = await holderOf(host, port);
  return new VaiderError(
    'PORT_IN_USE',
    `Port ${port} on ${host} is taken by ${holder}. Stop it, or choose another port with --port N (or server.port in VaiderRules.json).`,
    { host, port, holder },
    { cause },
  );
}
