import { chmod, readFile, stat } from 'node:fs/promises';
import { Low } from 'lowdb';
import { ConfigError } from '../errors.js';
import { importFixtureKey } from '../keys/signing-key.js';
import { dictionary } from '../model/dictionary.js';
import type { StoreData, StoredPool, TokenValidityUnits } from '../model/types.js';
import { clientSecretsProblems } from '../model/client-secrets.js';
import { isRecord } from '../model/problems.js';
import { UNIT_SECONDS, validitySeconds } from '../model/rules.js';
import { AtomicJsonFile } from './atomic-json-file.js';
import { Journal, type JournalEntry, type StorePath } from './journal.js';
import { StoreLock } from './store-lock.js';

const emptyData = (): StoreData => ({ formatVersion: 1, pools: dictionary() });

/** A pool as kept in memory: its maps keyed by user input are prototype-free dictionaries. */
const withPoolDictionaries = (pool: StoredPool): StoredPool =>
  ({ ...pool, ResourceServers: dictionary(pool.ResourceServers), UserPoolClients: dictionary(pool.UserPoolClients) });

/** The store as kept in memory: every map keyed by user input is a prototype-free dictionary. */
function withDictionaries(data: StoreData): StoreData {
  const pools = dictionary<StoredPool>();
  for (const [id, pool] of Object.entries(data.pools)) pools[id] = withPoolDictionaries(pool);
  return { ...data, pools };
}

interface Waiting {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function waiting(): Waiting {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

/** Marks "no value here" in a change: a removal, or a path that did not exist before. */
const ABSENT: unique symbol = Symbol('absent');

interface Change {
  path: StorePath;
  value: unknown;
  previous: unknown;
}

/**
 * The snapshot is rewritten once the journal holds as many bytes as the snapshot did (and at least
 * this many): each write then costs the size of its change, and rewriting the snapshot, which costs
 * the size of the store, happens ever more rarely as the store grows: flat per-change cost.
 */
const MIN_JOURNAL_BYTES_BEFORE_SNAPSHOT = 1024 * 1024;

/**
 * The JSON store: a lowdb snapshot (`<file>`) plus an append-only journal (`<file>.journal`).
 * Mutations (`set`, `remove`) change `data` in memory and are recorded; `persist()` resolves once
 * they are on disk. Writes are serialized and grouped (every change made while a write runs goes
 * into the next one, one fsync for all: group commit). A write appends the changes to the journal;
 * now and then the snapshot is rewritten (temp file + rename) and the journal emptied. A write the
 * disk refuses puts memory back, the changes queued behind it included, and rejects them all.
 * An open store holds `<file>.lock` until `close()`: one writer per store file (StoreLock).
 */
export class Store {
  readonly data: StoreData;
  readonly file: string | undefined;
  private readonly db: Low<StoreData> | undefined;
  private readonly journal: Journal | undefined;
  private snapshotBytes: number;
  /** Whether the snapshot file exists: the first write of a new store writes it. */
  private hasSnapshot: boolean;
  private pending: Change[] = [];
  private running: Promise<void> | undefined;
  private next: Waiting | undefined;
  private readonly revertListeners: ((poolIds: ReadonlySet<string>) => void)[] = [];
  private readonly lock: StoreLock | undefined;

  private constructor(data: StoreData, db?: Low<StoreData>, journal?: Journal, snapshotBytes = 0, lock?: StoreLock) {
    this.data = data;
    this.db = db;
    this.journal = journal;
    this.lock = lock;
    this.snapshotBytes = snapshotBytes;
    this.hasSnapshot = snapshotBytes > 0;
    this.file = db ? (db.adapter as AtomicJsonFile<StoreData>).file : undefined;
  }

  static inMemory(): Store {
    return new Store(emptyData());
  }

  /**
   * Opens (or starts) the store: its lock, the snapshot, then the journal replayed over it. A store
   * another server holds, or a file that cannot be read or has the wrong shape, is a ConfigError,
   * and the files are left untouched.
   */
  static async open(file: string): Promise<Store> {
    // The lock comes first: until it is held, nothing may touch the files (another server's
    // snapshot temp file, or a journal line it is appending).
    const lock = await StoreLock.acquire(file);
    try {
      const { data, adapter, journal, snapshotBytes } = await loadStore(file, true);
      const db = new Low<StoreData>(adapter, emptyData());
      db.data = data;
      return new Store(data, db, journal, snapshotBytes, lock);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Sets a pool, or a member, resource server or client of one, in memory; `persist()` writes it. */
  set(path: StorePath, value: unknown): void {
    this.record(path, value);
  }

  /** Removes what a path names, in memory; `persist()` writes it. */
  remove(path: StorePath): void {
    this.record(path, ABSENT);
  }

  /** Resolves once a write that includes every change made before this call is on disk; rejects if that write failed. */
  persist(): Promise<void> {
    if (!this.db || (!this.running && this.pending.length === 0)) return Promise.resolve();
    if (!this.running) return this.write(this.db);
    this.next ??= waiting();
    return this.next.promise;
  }

  /** Called after a failed write put memory back, with the ids of the pools it touched. */
  onRevert(listener: (poolIds: ReadonlySet<string>) => void): void {
    this.revertListeners.push(listener);
  }

  /** Waits for writes under way, then lets go of the store's lock. */
  async close(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
    await this.lock?.release();
  }

  private record(path: StorePath, value: unknown): void {
    const previous = applyChange(this.data, path, value, false);
    if (this.db) this.pending.push({ path, value, previous });
  }

  private write(db: Low<StoreData>): Promise<void> {
    const journal = this.journal!;
    const batch = this.pending;
    this.pending = [];
    // Serialized now, before any await: the entries hold exactly the changes made before this line.
    const entries: JournalEntry[] = batch.map(({ path, value }) => (value === ABSENT ? { remove: path } : { set: path, value }));
    const snapshot = !this.hasSnapshot || journal.size + 256 * batch.length > Math.max(MIN_JOURNAL_BYTES_BEFORE_SNAPSHOT, this.snapshotBytes);
    this.running = journal.append(entries).then(async () => {
      // The changes are durable in the journal; a snapshot that fails now loses nothing (the journal stays).
      if (snapshot) await this.writeSnapshot(db, journal);
      this.running = undefined;
      const next = this.next;
      this.next = undefined;
      if (next) this.write(db).then(next.resolve, next.reject);
    }, (error: unknown) => {
      // The disk refused (full, read-only, gone). Every change that is not on disk is undone, those
      // waiting for the next write included, all in this one synchronous step: memory holds what the
      // disk holds again, every caller of a dropped change gets the error, and no failed change can
      // ride along in a later successful write.
      this.running = undefined;
      const next = this.next;
      this.next = undefined;
      // What the disk holds is unsure now (the directory may have gone): the next write that
      // succeeds writes the whole snapshot, not only a journal entry.
      this.hasSnapshot = false;
      this.revert([...batch, ...this.pending]);
      this.pending = [];
      next?.reject(error);
      throw error;
    });
    return this.running;
  }

  private async writeSnapshot(db: Low<StoreData>, journal: Journal): Promise<void> {
    try {
      await db.write();
      this.hasSnapshot = true;
      this.snapshotBytes = (await stat(this.file!)).size;
      await journal.clear();
    } catch (error) {
      console.error(`cognito-mock: store snapshot not written (the journal keeps every change): ${(error as Error).message}`);
    }
  }

  private revert(changes: readonly Change[]): void {
    for (let i = changes.length - 1; i >= 0; i--) applyChange(this.data, changes[i]!.path, changes[i]!.previous, false);
    const poolIds = new Set(changes.map((change) => change.path[1]));
    for (const listener of this.revertListeners) listener(poolIds);
  }
}

/**
 * What a store holds (snapshot with its journal replayed), as plain JSON. For tools and tests that
 * look at a store from outside the server, also while one runs on it: then it only reads. With no
 * server on it, it cleans up as a start does (a torn last journal line, a crashed write's temp file).
 */
export async function readStoreFile(file: string): Promise<StoreData> {
  const lock = await StoreLock.acquire(file).catch(() => undefined);
  try {
    return JSON.parse(JSON.stringify((await loadStore(file, lock !== undefined)).data)) as StoreData;
  } finally {
    await lock?.release();
  }
}

interface LoadedStore {
  data: StoreData;
  adapter: AtomicJsonFile<StoreData>;
  journal: Journal;
  snapshotBytes: number;
}

/**
 * Reads and checks the snapshot and replays the journal. `repair` (only for the lock's holder)
 * also removes a crashed write's temp file, cuts a torn journal line and makes the files private.
 */
async function loadStore(file: string, repair: boolean): Promise<LoadedStore> {
  const adapter = new AtomicJsonFile<StoreData>(file);
  const journal = new Journal(`${file}.journal`);
  let data: unknown;
  let entries: JournalEntry[];
  try {
    if (repair) await adapter.prepare();
    data = await adapter.read();
    entries = await journal.read(repair).catch((error: Error) => { throw new Error(`${journal.file}: ${error.message}`); });
  } catch (error) {
    const reason = error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message;
    throw new ConfigError([`${file}: cannot load the store: ${reason}. Fix or remove the file; it was not changed.`]);
  }
  const snapshotProblems = data === null ? [] : snapshotShapeProblems(data);
  if (snapshotProblems.length > 0) throw storeError(file, snapshotProblems);
  const loaded = data === null ? emptyData() : withDictionaries(data as StoreData);
  for (const entry of entries) applyChange(loaded, 'set' in entry ? entry.set : entry.remove, 'set' in entry ? entry.value : ABSENT, true);
  const problems = storeShapeProblems(loaded);
  if (problems.length > 0) throw storeError(file, problems);
  if (repair) {
    await keepPrivate(file);
    await keepPrivate(journal.file);
  }
  const snapshotBytes = data === null ? 0 : Math.max(1, (await stat(file)).size);
  return { data: loaded, adapter, journal, snapshotBytes };
}

/** The raw bytes of a store (snapshot and journal): equal texts, equal stores. */
export async function storeFileText(file: string): Promise<string> {
  const read = (path: string) => readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return `${await read(file)}\n${await read(`${file}.journal`)}`;
}

/**
 * Sets (or, with ABSENT, removes) what a path names; returns what was there. In a replay a path
 * whose pool is gone is skipped: a later entry removed or replaced that pool anyway.
 */
function applyChange(data: StoreData, path: StorePath, value: unknown, replay: boolean): unknown {
  const [, poolId, member, key] = path;
  let container: Record<string, unknown>;
  let name: string;
  if (member === undefined) {
    container = data.pools;
    name = poolId;
    if (value !== ABSENT && replay) value = withPoolDictionaries(value as StoredPool);
  } else {
    const pool = Object.hasOwn(data.pools, poolId) ? data.pools[poolId] : undefined;
    if (!pool) {
      if (replay) return ABSENT;
      throw new Error(`store: no pool ${poolId} to change`);
    }
    if (key === undefined) {
      container = pool as unknown as Record<string, unknown>;
      name = member;
    } else {
      container = pool[member as 'ResourceServers' | 'UserPoolClients'] as Record<string, unknown>;
      name = key;
    }
  }
  const previous = Object.hasOwn(container, name) ? container[name] : ABSENT;
  if (value === ABSENT) delete container[name];
  else container[name] = value;
  return previous;
}

function storeError(file: string, problems: string[]): ConfigError {
  return new ConfigError(problems.map((p) => `${file}: ${p}. Fix or remove the file; it was not changed.`));
}

/** A store file someone made readable to others is private again (SECURITY.md: mode 0600). */
async function keepPrivate(file: string): Promise<void> {
  try {
    if (((await stat(file)).mode & 0o777) !== 0o600) await chmod(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Enough of the snapshot's shape for the journal to be replayed over it. */
function snapshotShapeProblems(data: unknown): string[] {
  if (!isRecord(data)) return ['the store must be a JSON object'];
  if (data.formatVersion !== 1) return [`formatVersion must be 1, got ${JSON.stringify(data.formatVersion)}`];
  if (!isRecord(data.pools)) return ['pools must be an object'];
  const problems: string[] = [];
  for (const [id, pool] of Object.entries(data.pools)) {
    const at = `pools[${JSON.stringify(id)}]`;
    if (!isRecord(pool)) problems.push(`${at} must be an object`);
    else if (!isRecord(pool.ResourceServers) || !isRecord(pool.UserPoolClients)) problems.push(`${at} must hold ResourceServers and UserPoolClients objects`);
  }
  return problems;
}

/**
 * Up to this many private keys, every key is imported at start (about 0.5 ms each), so a damaged
 * one is named before the server listens. Larger stores (a thousand pools) check each key's PEM
 * armour and base64 body instead and import keys on first use: a second of start-up spent on
 * keys most runs never touch is what the start-up target (issue 7) rules out.
 */
const FULL_KEY_CHECK_MAX_KEYS = 200;

/**
 * Enough shape checking that a hand-edited store fails at start with its path, not later with a
 * 500 on some request: the pool map, keys that load, and the members the token path reads.
 */
function storeShapeProblems(data: StoreData): string[] {
  const problems: string[] = [];
  const fullKeyCheck = Object.keys(data.pools).length * 2 <= FULL_KEY_CHECK_MAX_KEYS;
  for (const [id, pool] of Object.entries(data.pools)) {
    const at = `pools[${JSON.stringify(id)}]`;
    if (!isRecord(pool)) { problems.push(`${at} must be an object`); continue; }
    if (!isRecord(pool.UserPool) || pool.UserPool.Id !== id) problems.push(`${at}.UserPool.Id must be "${id}"`);
    problems.push(...keyProblems(at, pool.Keys, fullKeyCheck));
    problems.push(...memberProblems(`${at}.ResourceServers`, pool.ResourceServers, 'Identifier', resourceServerProblems));
    problems.push(...memberProblems(`${at}.UserPoolClients`, pool.UserPoolClients, 'ClientId', clientProblems));
  }
  return problems;
}

/** The stored key format: PKCS#8 PEM armour around base64 (what `importFixtureKey` writes). */
const PKCS8_PEM = /^-----BEGIN PRIVATE KEY-----\n(?:[A-Za-z0-9+/]{1,64}\n)+(?:[A-Za-z0-9+/=]{1,64}\n)?-----END PRIVATE KEY-----\n?$/;

function keyProblems(at: string, keys: unknown, full: boolean): string[] {
  if (!isRecord(keys) || !isRecord(keys.access) || !isRecord(keys.id)
    || typeof keys.access.privateKeyPem !== 'string' || typeof keys.id.privateKeyPem !== 'string') {
    return [`${at}.Keys must hold the access and id private keys`];
  }
  const previous = keys.previous;
  if (previous !== undefined && !(Array.isArray(previous) && previous.every((key) => isRecord(key) && typeof key.privateKeyPem === 'string'))) {
    return [`${at}.Keys.previous must be a list of {privateKeyPem}`];
  }
  const slots: [string, string][] = [['access', keys.access.privateKeyPem], ['id', keys.id.privateKeyPem],
    ...((previous ?? []) as { privateKeyPem: string }[]).map((key, i): [string, string] => [`previous[${i}]`, key.privateKeyPem])];
  const problems: string[] = [];
  for (const [slot, pem] of slots) {
    try {
      if (full) importFixtureKey(pem);
      else if (!PKCS8_PEM.test(pem)) throw new Error('is not a private key (expected a PEM string or a private RSA JWK)');
    } catch (error) {
      problems.push(`${at}.Keys.${slot}.privateKeyPem ${(error as Error).message}`);
    }
  }
  return problems;
}

/** A map of objects, each naming its own key in `idMember`, checked further by `each`. */
function memberProblems(at: string, map: unknown, idMember: string, each: (at: string, item: Record<string, unknown>) => string[]): string[] {
  if (!isRecord(map)) return [`${at} must be an object`];
  const problems: string[] = [];
  for (const [key, item] of Object.entries(map)) {
    const itemAt = `${at}[${JSON.stringify(key)}]`;
    if (!isRecord(item)) problems.push(`${itemAt} must be an object`);
    else if (item[idMember] !== key) problems.push(`${itemAt}.${idMember} must be "${key}"`);
    else problems.push(...each(itemAt, item));
  }
  return problems;
}

function resourceServerProblems(at: string, server: Record<string, unknown>): string[] {
  const scopes = server.Scopes;
  const valid = scopes === undefined || (Array.isArray(scopes) && scopes.every((s) => isRecord(s) && typeof s.ScopeName === 'string'));
  return valid ? [] : [`${at}.Scopes must be a list of {ScopeName, ScopeDescription}`];
}

function clientProblems(at: string, client: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (client.ClientSecret !== undefined && typeof client.ClientSecret !== 'string') problems.push(`${at}.ClientSecret must be a string`);
  problems.push(...clientSecretsProblems(`${at}.ClientSecrets`, client));
  for (const member of ['AllowedOAuthFlows', 'AllowedOAuthScopes']) {
    const list = client[member];
    if (list !== undefined && !(Array.isArray(list) && list.every((item) => typeof item === 'string'))) problems.push(`${at}.${member} must be a list of strings`);
  }
  return [...problems, ...tokenSettingProblems(at, client)];
}

/**
 * The members the token endpoint turns into a token: a hand edit that breaks them must stop the
 * start, not yield tokens with `exp: null` or a lifetime Cognito never issues (reference §5).
 */
function tokenSettingProblems(at: string, client: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const gate = client.AllowedOAuthFlowsUserPoolClient;
  if (gate !== undefined && typeof gate !== 'boolean') problems.push(`${at}.AllowedOAuthFlowsUserPoolClient must be true or false`);
  const units = client.TokenValidityUnits;
  if (units !== undefined && !(isRecord(units) && Object.values(units).every((unit) => typeof unit === 'string' && Object.hasOwn(UNIT_SECONDS, unit)))) {
    return [...problems, `${at}.TokenValidityUnits must give each token a unit: seconds, minutes, hours or days`];
  }
  const validity = client.AccessTokenValidity;
  if (validity !== undefined) {
    const unit = (units as TokenValidityUnits | undefined)?.AccessToken;
    const seconds = Number.isInteger(validity) ? validitySeconds(validity as number, unit, 'hours') : Number.NaN;
    if (!(seconds >= 300 && seconds <= 86400)) {
      problems.push(`${at}.AccessTokenValidity must be a whole number of ${unit ?? 'hours'} between 5 minutes and 1 day, got ${JSON.stringify(validity)}`);
    }
  }
  return problems;
}
