import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from '../model/config-error.js';
import { type Liveness, type ProcessIdentity, currentProcess, liveness } from './process-identity.js';

/** What `<store>.lock` holds: who holds the store, to check whether it still runs and to name it. */
interface LockRecord extends ProcessIdentity {
  /** Tells this lock from any later one on the same file: a take-over replaces only the lock it judged. */
  nonce: string;
  /** When the lock was taken (ISO 8601). */
  lockedAt: string;
  /** The holder's command line, so that a refused start can say which server to stop. */
  command: string;
}

/** A race lost to another start or take-over is retried this often, this far apart (a second in all). */
const ATTEMPTS = 100;
const RETRY_MS = 10;
/** A lock file read this many times without a record in it is not a lock being written: it is refused. */
const UNREADABLE_READS = 10;

/**
 * A holder renews its lock's modification time this often. A holder that cannot be checked any
 * other way (another container on a shared volume, where pids mean nothing: a container killed with
 * `docker kill` or for memory, then started again) is judged by it: a lock not renewed for
 * `STALE_MS` is a dead holder's and is taken over.
 */
const RENEW_MS = 10_000;
const STALE_MS = 30_000;

/** Where `link` is not available, the lock is created with an exclusive open instead. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** Locks this process holds (path → nonce), removed at exit if `release()` was never called. */
const held = new Map<string, string>();

/**
 * One writer per store file, as SQLite and LevelDB refuse a second writer: `<store>.lock`, created
 * exclusively (a fully written temp file hard-linked into place, so the lock is never seen half
 * written, and of two starts at the same moment exactly one link succeeds). A lock whose holder is
 * gone (SIGKILL, a crash, a reboot) is taken over at once; a live holder, also a server in this very
 * process, is a ConfigError that names it; a holder on another machine or in another container
 * cannot be checked, and is refused until its lock has gone unrenewed for a while (RENEW_MS).
 */
export class StoreLock {
  readonly file: string;
  private readonly nonce: string;
  private readonly renewal: NodeJS.Timeout;

  private constructor(file: string, nonce: string) {
    this.file = file;
    this.nonce = nonce;
    if (held.size === 0) process.once('exit', releaseAllNow);
    held.set(file, nonce);
    // Never keeps the process alive; a renewal that fails (the directory went away) changes nothing.
    this.renewal = setInterval(() => {
      const now = new Date();
      utimes(file, now, now).catch(() => undefined);
    }, RENEW_MS).unref();
  }

  /** Takes the lock of `storeFile` (creating its directory, mode 0700), or throws a ConfigError naming the holder. */
  static async acquire(storeFile: string): Promise<StoreLock> {
    // Absolute: the lock is removed at exit even if the working directory changed meanwhile.
    const file = resolve(`${storeFile}.lock`);
    const self = await currentProcess();
    const record: LockRecord = { ...self, nonce: randomUUID(), lockedAt: new Date().toISOString(), command: commandLine() };
    const text = `${JSON.stringify(record)}\n`;
    let unreadableReads = 0;
    try {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        if (await createExclusive(file, text)) return new StoreLock(file, record.nonce);
        const holder = await readRecord(file);
        if (holder === 'gone') continue; // released between the two calls: try again at once
        // Half written (no hard links here) for a moment at most; a file that stays so is not a lock.
        if (holder === 'unreadable' && ++unreadableReads === UNREADABLE_READS) break;
        if (holder !== 'unreadable') {
          const state = await judged(file, holder, self);
          if (state !== 'dead') throw new ConfigError([heldMessage(storeFile, file, holder, state, self)]);
          if (await takeOver(file, holder, text, self)) return new StoreLock(file, record.nonce);
        }
        await sleep(RETRY_MS);
      }
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError([`${storeFile}: cannot lock the store (${file}): ${(error as Error).message}. The store was not changed.`]);
    }
    throw new ConfigError([unreadableReads === UNREADABLE_READS
      ? `${storeFile}: locked by ${file}, which does not say who holds it. If no cognito-mock runs on this store, remove ${file} and start again.`
      : `${storeFile}: cannot lock the store: other starts kept taking ${file} over at the same moment. Start again.`]);
  }

  /** Removes the lock if it is still this one; never fails (a lock left behind is taken over at the next start). */
  async release(): Promise<void> {
    clearInterval(this.renewal);
    if (held.get(this.file) !== this.nonce) return;
    held.delete(this.file);
    if (held.size === 0) process.off('exit', releaseAllNow);
    const current = await readRecord(this.file).catch(() => 'gone' as const);
    if (typeof current !== 'string' && current.nonce === this.nonce) await unlink(this.file).catch(() => undefined);
  }
}

/** The holder's liveness; one that cannot be checked is dead once its lock has gone unrenewed too long. */
async function judged(file: string, holder: LockRecord, self: ProcessIdentity): Promise<Liveness> {
  const state = await liveness(holder, self);
  if (state !== 'unknown') return state;
  const renewed = await stat(file).then((info) => info.mtimeMs, () => Date.now());
  return Date.now() - renewed > STALE_MS ? 'dead' : 'unknown';
}

/**
 * Replaces a dead holder's lock with ours, safe against others doing the same at the same moment:
 * first a claim is created exclusively under a name derived from the dead lock's nonce, so at most
 * one process holds a claim on that lock; the winner checks the lock is still the dead one and
 * renames its own over it (one atomic step: the lock file never goes missing, so no plain start can
 * slip in between). A claim whose own maker died is passed by claiming a name derived from it.
 * Claims are removed only once the lock no longer holds the dead nonce: a process that wins a
 * removed claim's name later finds the lock changed and gives up.
 */
async function takeOver(file: string, dead: LockRecord, text: string, self: ProcessIdentity): Promise<boolean> {
  const claims: string[] = [];
  let claim = `${file}.takeover-${dead.nonce}`;
  for (;;) {
    if (await createExclusive(claim, text)) break;
    const claimer = await readRecord(claim);
    // Another take-over is under way, or has just ended: look at the lock again.
    if (typeof claimer === 'string' || (await judged(claim, claimer, self)) !== 'dead') return false;
    claims.push(claim);
    claim = `${claim}-${claimer.nonce.slice(0, 8)}`;
  }
  claims.push(claim);
  try {
    const current = await readRecord(file);
    if (typeof current === 'string' || current.nonce !== dead.nonce) return false;
    const temp = tempName(file);
    await writeFile(temp, text, { flag: 'wx', mode: 0o600 });
    await rename(temp, file).catch(async (error: unknown) => {
      await unlink(temp).catch(() => undefined);
      throw error;
    });
    return true;
  } finally {
    for (const name of claims) await unlink(name).catch(() => undefined);
  }
}

/** Creates `file` holding `text` unless it exists: true if this call created it. */
async function createExclusive(file: string, text: string): Promise<boolean> {
  const temp = tempName(file);
  await writeFile(temp, text, { flag: 'wx', mode: 0o600 });
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code)) throw error;
    return writeFile(file, text, { flag: 'wx', mode: 0o600 }).then(() => true, (failure: NodeJS.ErrnoException) => {
      if (failure.code === 'EEXIST') return false;
      throw failure;
    });
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Not `*.tmp`: the store's start removes those as a crashed snapshot's leftovers. */
const tempName = (file: string): string => `${file}.${process.pid}-${randomUUID().slice(0, 8)}.new`;

async function readRecord(file: string): Promise<LockRecord | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const record = JSON.parse(text) as Partial<LockRecord> | null;
    if (record && Number.isSafeInteger(record.pid) && typeof record.hostname === 'string' && typeof record.nonce === 'string') return record as LockRecord;
  } catch {
    // not JSON: someone else's file, or a lock written without hard links and read half-way
  }
  return 'unreadable';
}

function heldMessage(storeFile: string, file: string, holder: LockRecord, state: Liveness, self: ProcessIdentity): string {
  const command = holder.command ? `, command: ${holder.command}` : '';
  const since = holder.lockedAt ? `, holding it since ${holder.lockedAt}` : '';
  if (state === 'unknown') {
    return `${storeFile}: locked by pid ${holder.pid} on host ${holder.hostname}${since}${command}, which cannot be checked from here (another machine, container or boot). A running server renews the lock every ${RENEW_MS / 1000} s; it is taken over once it has not been renewed for ${STALE_MS / 1000} s. If no cognito-mock runs there any more, remove ${file} and start again.`;
  }
  const who = holder.pid === self.pid ? `a server in this process (pid ${holder.pid}${since})` : `another cognito-mock (pid ${holder.pid} on ${holder.hostname}${since}${command})`;
  return `${storeFile}: in use by ${who}: two servers on one store would overwrite each other's changes. Stop that server first, or use another store file (or keep this one in memory).`;
}

/** The command line, shortened: it only has to tell the user which process this is. */
function commandLine(): string {
  const line = process.argv.join(' ');
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** At exit (process.exit, or the event loop ran dry without close()), no lock of this process stays behind. */
function releaseAllNow(): void {
  for (const [file, nonce] of held) {
    try {
      if ((JSON.parse(readFileSync(file, 'utf8')) as { nonce?: unknown }).nonce === nonce) unlinkSync(file);
    } catch {
      // gone already, or not ours any more
    }
  }
  held.clear();
}
