import { chmod, stat } from 'node:fs/promises';
import { Low } from 'lowdb';
import { ConfigError } from '../errors.js';
import { importFixtureKey } from '../keys/signing-key.js';
import { type Dictionary, dictionary } from '../model/dictionary.js';
import type { StoreData, StoredPool, TokenValidityUnits } from '../model/types.js';
import { clientSecretsProblems } from '../model/client-secrets.js';
import { isRecord } from '../model/problems.js';
import { UNIT_SECONDS, validitySeconds } from '../model/rules.js';
import { AtomicJsonFile } from './atomic-json-file.js';

const emptyData = (): StoreData => ({ formatVersion: 1, pools: dictionary() });

/** The store as kept in memory: every map keyed by user input is a prototype-free dictionary. */
function withDictionaries(data: StoreData): StoreData {
  const pools = dictionary<StoredPool>();
  for (const [id, pool] of Object.entries(data.pools)) {
    pools[id] = { ...pool, ResourceServers: dictionary(pool.ResourceServers), UserPoolClients: dictionary(pool.UserPoolClients) };
  }
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

/**
 * The lowdb JSON store. Mutations change `data` in memory, then `persist()`; writes are serialized
 * and grouped (every mutation made while a write runs goes into the next one), and `persist()`
 * resolves only once the file holding the caller's change is renamed into place. A write that
 * fails puts memory back to what the file holds (see `write`).
 */
export class Store {
  readonly data: StoreData;
  readonly file: string | undefined;
  private readonly db: Low<StoreData> | undefined;
  /** The JSON text on disk now (as loaded, or as last written): what a failed write rolls memory back to. */
  private persisted: string;
  private running: Promise<void> | undefined;
  private next: Waiting | undefined;
  private readonly revertListeners: ((previousPools: Dictionary<StoredPool>) => void)[] = [];

  private constructor(data: StoreData, db?: Low<StoreData>) {
    this.data = data;
    this.db = db;
    this.file = db ? (db.adapter as AtomicJsonFile<StoreData>).file : undefined;
    this.persisted = db ? JSON.stringify(data) : '';
  }

  static inMemory(): Store {
    return new Store(emptyData());
  }

  /** Opens (or starts) the store file. A file that cannot be read or has the wrong shape is a ConfigError and is left untouched. */
  static async open(file: string): Promise<Store> {
    const adapter = new AtomicJsonFile<StoreData>(file);
    let data: unknown;
    try {
      await adapter.prepare();
      data = await adapter.read();
    } catch (error) {
      const reason = error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message;
      throw new ConfigError([`${file}: cannot load the store: ${reason}. Fix or remove the file; it was not changed.`]);
    }
    const problems = data === null ? [] : storeShapeProblems(data);
    if (problems.length > 0) {
      throw new ConfigError(problems.map((p) => `${file}: ${p}. Fix or remove the file; it was not changed.`));
    }
    await keepPrivate(file);
    const db = new Low<StoreData>(adapter, emptyData());
    db.data = data === null ? emptyData() : withDictionaries(data as StoreData);
    return new Store(db.data, db);
  }

  /** Resolves once a write that includes every change made before this call is on disk; rejects if that write failed. */
  persist(): Promise<void> {
    if (!this.db) return Promise.resolve();
    if (!this.running) return this.write(this.db);
    this.next ??= waiting();
    return this.next.promise;
  }

  /** Called after a failed write put memory back to the file's state, with the pools it replaced. */
  onRevert(listener: (previousPools: Dictionary<StoredPool>) => void): void {
    this.revertListeners.push(listener);
  }

  private write(db: Low<StoreData>): Promise<void> {
    const adapter = db.adapter as AtomicJsonFile<StoreData>;
    // lowdb hands `data` to the adapter synchronously and the adapter serializes it before its first
    // await, so this write holds exactly the changes made before this line.
    this.running = db.write().then(() => {
      this.persisted = adapter.written!;
      this.running = undefined;
      const next = this.next;
      this.next = undefined;
      if (next) this.write(db).then(next.resolve, next.reject);
    }, (error: unknown) => {
      // The disk refused (full, read-only, gone). Every change that is not on disk is dropped, those
      // waiting for the next write included, all in this one synchronous step: memory holds what the
      // file holds again, every caller of a dropped change gets the error, and no failed change can
      // ride along in a later successful write.
      this.running = undefined;
      const next = this.next;
      this.next = undefined;
      this.revert();
      next?.reject(error);
      throw error;
    });
    return this.running;
  }

  private revert(): void {
    const previous = this.data.pools;
    this.data.pools = withDictionaries(JSON.parse(this.persisted) as StoreData).pools;
    for (const listener of this.revertListeners) listener(previous);
  }
}

/** A store file someone made readable to others is private again at start (SECURITY.md: mode 0600). */
async function keepPrivate(file: string): Promise<void> {
  try {
    if (((await stat(file)).mode & 0o777) !== 0o600) await chmod(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Up to this many private keys, every key is imported at start (about 0.5 ms each), so a damaged
 * one is named before the server listens. Larger stores (a thousand pools) check each key's PEM
 * armour and base64 body instead and import keys on first use: a second of start-up spent on keys
 * most runs never touch is what the start-up target (issue 7: 100,000 clients, 1,000 pools) rules out.
 */
const FULL_KEY_CHECK_MAX_KEYS = 200;

/** The stored key format: PKCS#8 PEM armour around base64 (what `importFixtureKey` writes). */
const PKCS8_PEM = /^-----BEGIN PRIVATE KEY-----\n(?:[A-Za-z0-9+/]{1,64}\n)+(?:[A-Za-z0-9+/=]{1,64}\n)?-----END PRIVATE KEY-----\n?$/;

/**
 * Enough shape checking that a hand-edited store fails at start with its path, not later with a
 * 500 on some request: the pool map, keys that load, and the members the token path reads.
 */
function storeShapeProblems(data: unknown): string[] {
  if (!isRecord(data)) return ['the store must be a JSON object'];
  if (data.formatVersion !== 1) return [`formatVersion must be 1, got ${JSON.stringify(data.formatVersion)}`];
  if (!isRecord(data.pools)) return ['pools must be an object'];
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
