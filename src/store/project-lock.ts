import { hostname } from 'node:os';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { writeJsonAtomic } from '../base/atomic-write.js';
import { VaiderError } from '../base/errors.js';
import { isInside } from '../base/allowed-roots.js';

/**
 * One writer per store: lowdb rewrites a whole file from what its process holds in memory, so two
 * processes writing one store lose each other's updates. The owner holds `<store_dir>/owner.lock`
 * (proper-lockfile: an atomic mkdir whose mtime the owner refreshes) and says who it is in
 * `<store_dir>/owner.json`. A lock nobody refreshed for STALE_MS is taken over by the library;
 * a fresh one is refused, naming its owner, unless that owner is a process of this machine that no
 * longer runs: then its lock is removed and taken (see DEAD_OWNER_GRACE_MS). A command waits a while
 * for another command that owns the store; a server or watcher is refused at once.
 */

const LOCK_DIR = 'owner.lock';
const OWNER_FILE = 'owner.json';
/** Long enough that a busy event loop never loses its own lock, short enough to wait out after a crash. */
const STALE_MS = 10_000;
const RETRY_MS = 250;
/**
 * A lock whose owner is a process of this machine that no longer runs is removed once it is this old,
 * rather than after STALE_MS: a restart after a crash is not kept waiting. A younger one may be a new
 * owner's that has not written owner.json yet, so it is left alone.
 */
const DEAD_OWNER_GRACE_MS = 1500;

/**
 * What the owner is: a server or watcher holds the store until stopped; a command (`vaider analyze`)
 * holds it for seconds, so another command waits for it rather than failing.
 */
export type OwnerRole = 'server' | 'watcher' | 'command';

export interface StoreOwner {
  pid: number;
  /** How it was started, e.g. `vaider serve --port 3456`. */
  command: string;
  since: string;
  host: string;
  /** Absent in owner files written before roles existed: treated as lasting. */
  role?: OwnerRole;
  /** Where a server owner answers REST, so commands can hand it their work (see announceServerUrl). */
  url?: string;
}

export interface ClaimOptions {
  role: OwnerRole;
  /** How long to wait for a command that owns the store to finish; a lasting owner is refused at once. */
  waitMs?: number;
  /** Called once, when it starts waiting. */
  onWait?: (owner: StoreOwner) => void;
}

export interface StoreClaim {
  readonly dir: string;
  release(): Promise<void>;
}

interface Held {
  refs: number;
  /** What owner.json says, kept to add the server's URL to it. */
  owner: StoreOwner;
  /** Replaced when the lock is taken back after a stall. */
  unlock: () => Promise<void>;
}

/** Claims of this process by store folder: every part of one process shares its lock. */
const held = new Map<string, Promise<Held>>();
/** Stores whose lock another process took while this one held it: they are not written any more. */
const lost = new Map<string, VaiderError>();

function thisProcess(role: OwnerRole): StoreOwner {
  const script = path.basename(process.argv[1] ?? process.argv0).replace(/\.[cm]?[jt]s$/, '');
  const program = script === 'main' ? 'vaider' : script;
  return { pid: process.pid, command: [program, ...process.argv.slice(2)].join(' '), since: new Date().toISOString(), host: hostname(), role };
}

async function readOwner(dir: string): Promise<StoreOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(path.join(dir, OWNER_FILE), 'utf8')) as Partial<StoreOwner>;
    return typeof owner.pid === 'number' ? (owner as StoreOwner) : undefined;
  } catch {
    return undefined;
  }
}

/** A process of another machine cannot be asked, so it counts as running. */
function running(owner: StoreOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeOwner(owner: StoreOwner | undefined): string {
  if (!owner) return 'another process';
  const where = owner.host === hostname() ? '' : ` on ${owner.host}`;
  return `pid ${owner.pid}${where} (${owner.command}), since ${owner.since}`;
}

function storeLocked(dir: string, owner: StoreOwner | undefined): VaiderError {
  return new VaiderError(
    'STORE_LOCKED',
    `${dir} is in use by ${describeOwner(owner)}. One process writes a project's records: stop that one, or work through it.`,
    { store_dir: dir, owner: owner ?? null },
  );
}

function lockOptions(dir: string, held: () => Held): lockfile.LockOptions {
  return { lockfilePath: path.join(dir, LOCK_DIR), stale: STALE_MS, realpath: false, onCompromised: () => void retake(dir, held()) };
}

async function acquire(dir: string, options: ClaimOptions): Promise<Held> {
  await mkdir(dir, { recursive: true });
  const me = thisProcess(options.role);
  const claim: Held = { refs: 0, unlock: async () => undefined, owner: me };
  // A dead owner's lock goes stale within STALE_MS; past that, a lock still fresh is someone else's.
  const giveUp = Date.now() + 2 * STALE_MS;
  const waitUntil = Date.now() + (options.waitMs ?? 0);
  let waiting = false;
  for (;;) {
    try {
      claim.unlock = await lockfile.lock(dir, lockOptions(dir, () => claim));
      lost.delete(dir);
      await writeJsonAtomic(path.join(dir, OWNER_FILE), me);
      return claim;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      // Read after the refusal: an owner that just took the lock may not have said who it is yet.
      const owner = await readOwner(dir);
      const alive = owner !== undefined && owner.pid !== me.pid && running(owner);
      if (owner && !alive && owner.host === hostname()) await removeDeadOwnersLock(dir);
      const worthWaiting = alive && owner.role === 'command' && Date.now() < waitUntil;
      if ((alive && !worthWaiting) || (!alive && Date.now() > giveUp)) throw storeLocked(dir, owner);
      if (worthWaiting && !waiting) {
        waiting = true;
        options.onWait?.(owner);
      }
      await sleep(RETRY_MS);
    }
  }
}

async function removeDeadOwnersLock(dir: string): Promise<void> {
  const lock = path.join(dir, LOCK_DIR);
  const changed = await stat(lock).then((s) => s.mtimeMs, () => undefined);
  if (changed !== undefined && Date.now() - changed > DEAD_OWNER_GRACE_MS) await rm(lock, { recursive: true, force: true });
}

/**
 * The lock was found changed under its owner, or not refreshed for STALE_MS (a stalled process).
 * Taken back when nobody else took it meanwhile; otherwise this process stops writing there.
 */
async function retake(dir: string, claim: Held): Promise<void> {
  try {
    claim.unlock = await lockfile.lock(dir, lockOptions(dir, () => claim));
  } catch {
    lost.set(dir, storeLocked(dir, await readOwner(dir)));
  }
}

async function release(dir: string, claim: Held): Promise<void> {
  if (!lost.has(dir)) await rm(path.join(dir, OWNER_FILE), { force: true });
  lost.delete(dir);
  await claim.unlock().catch(() => undefined);
}

/** Makes this process the owner of the store in `dir`, or throws STORE_LOCKED naming the one that is. */
export async function claimStore(dir: string, options: ClaimOptions): Promise<StoreClaim> {
  const key = path.resolve(dir);
  let pending = held.get(key);
  if (!pending) {
    pending = acquire(key, options);
    held.set(key, pending);
    pending.catch(() => held.delete(key));
  }
  const claim = await pending;
  claim.refs++;
  let released = false;
  return {
    dir: key,
    async release() {
      if (released) return;
      released = true;
      if (--claim.refs > 0) return;
      held.delete(key);
      await release(key, claim);
    },
  };
}

/** Says in owner.json where this process serves REST, so commands can hand it their analyses. */
export async function announceServerUrl(dir: string, url: string): Promise<void> {
  const claim = await held.get(path.resolve(dir));
  if (!claim || lost.has(path.resolve(dir))) return;
  claim.owner = { ...claim.owner, url };
  await writeJsonAtomic(path.join(path.resolve(dir), OWNER_FILE), claim.owner);
}

/** The process that owns the store in `dir` now, when it is another one and still runs. */
export async function otherOwner(dir: string): Promise<StoreOwner | null> {
  if (held.has(path.resolve(dir))) return null;
  const locked = await lockfile.check(dir, { lockfilePath: path.join(dir, LOCK_DIR), stale: STALE_MS, realpath: false }).catch(() => false);
  const owner = locked ? await readOwner(dir) : undefined;
  return owner && running(owner) ? owner : null;
}

/** Throws when `file` belongs to a store this process held and lost to another process. */
export function refuseIfLost(file: string): void {
  for (const [dir, error] of lost) if (isInside(file, dir)) throw error;
}
