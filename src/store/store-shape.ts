import { importFixtureKey, invalidKeyReason } from '../keys/signing-key.js';
import { isRecord } from '../model/problems.js';
import type { StoreData } from '../model/types.js';
import type { DurableCollection } from './collection.js';

// The checks a store file passes before the server starts on it: a hand-edited or damaged store
// fails at start with the path of what is wrong, not later with a 500 on some request. Each
// collection brings the check of its items (store/collections.ts); the pool's own members
// (`UserPool`, `Keys`) are checked here.

/** Enough of the snapshot's shape for the journal to be replayed over it. */
export function snapshotShapeProblems(data: unknown, collections: Iterable<DurableCollection<never>>): string[] {
  if (!isRecord(data)) return ['the store must be a JSON object'];
  if (data.formatVersion !== 1) return [`formatVersion must be 1, got ${JSON.stringify(data.formatVersion)}`];
  if (!isRecord(data.pools)) return ['pools must be an object'];
  const problems: string[] = [];
  const members = [...collections].map((collection) => collection.member);
  for (const [id, pool] of Object.entries(data.pools)) {
    const at = `pools[${JSON.stringify(id)}]`;
    if (!isRecord(pool)) problems.push(`${at} must be an object`);
    // A collection the record lacks is empty (a store written before the collection existed).
    else for (const member of members) if (pool[member] !== undefined && !isRecord(pool[member])) problems.push(`${at}.${member} must be an object`);
  }
  return problems;
}

/**
 * Up to this many private keys, every key is imported at start (about 0.5 ms each), so a damaged
 * one is named before the server listens. Larger stores (a thousand pools) check each key's PEM
 * armour and base64 body instead and import keys on first use: a second of start-up spent on
 * keys most runs never touch is what the start-up target (bench/README.md) rules out.
 */
const FULL_KEY_CHECK_MAX_KEYS = 200;

/** The whole store once the journal is replayed: each pool's own members and every collection's items. */
export function storeShapeProblems(data: StoreData, collections: Iterable<DurableCollection<never>>): string[] {
  const problems: string[] = [];
  const fullKeyCheck = Object.keys(data.pools).length * 2 <= FULL_KEY_CHECK_MAX_KEYS;
  const durable = [...collections];
  for (const [id, pool] of Object.entries(data.pools)) {
    const at = `pools[${JSON.stringify(id)}]`;
    if (!isRecord(pool)) { problems.push(`${at} must be an object`); continue; }
    if (!isRecord(pool.UserPool) || pool.UserPool.Id !== id) problems.push(`${at}.UserPool.Id must be "${id}"`);
    problems.push(...keyProblems(at, pool.Keys, fullKeyCheck));
    for (const collection of durable) problems.push(...itemProblems(`${at}.${collection.member}`, pool[collection.member], collection));
  }
  return problems;
}

/** The stored key format: PKCS#8 PEM armour around base64 (what `importFixtureKey` writes). */
const PKCS8_PEM = /^-----BEGIN PRIVATE KEY-----\n(?:[A-Za-z0-9+/]{1,64}\n)+(?:[A-Za-z0-9+/=]{1,64}\n)?-----END PRIVATE KEY-----\n?$/;
const NOT_A_KEY = 'is not a private key (expected a PEM string or a private RSA JWK)';

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
    const reason = full ? keyImportProblem(pem) : PKCS8_PEM.test(pem) ? undefined : NOT_A_KEY;
    if (reason !== undefined) problems.push(`${at}.Keys.${slot}.privateKeyPem ${reason}`);
  }
  return problems;
}

/** Why a stored key does not import (worded to follow its path), or undefined when it does. */
function keyImportProblem(pem: string): string | undefined {
  try {
    importFixtureKey(pem);
    return undefined;
  } catch (error) {
    return invalidKeyReason(error) ?? (error as Error).message;
  }
}

/**
 * A collection's items: objects, each under its own key (`ClientId` under the client id), none
 * holding `null` (the server never stores one: the API reads null as absent, the token path would
 * not), each passing its collection's check.
 */
function itemProblems(at: string, items: unknown, collection: DurableCollection<never>): string[] {
  if (items === undefined) return [];
  if (!isRecord(items)) return [`${at} must be an object`];
  const problems: string[] = [];
  for (const [key, item] of Object.entries(items)) {
    const itemAt = `${at}[${JSON.stringify(key)}]`;
    if (!isRecord(item)) { problems.push(`${itemAt} must be an object`); continue; }
    if (item[collection.key] !== key) { problems.push(`${itemAt}.${collection.key} must be "${key}"`); continue; }
    const nulls = nullMembers(item);
    if (nulls) problems.push(...nulls.map((member) => `${itemAt}.${member} must not be null`));
    else problems.push(...collection.problems(itemAt, item));
  }
  return problems;
}

/** The members holding null, if any (no allocation for the usual item: a 100,000-client store is checked at every start). */
function nullMembers(item: Record<string, unknown>): string[] | undefined {
  let found: string[] | undefined;
  for (const member in item) {
    if (item[member] === null) found = [...(found ?? []), member];
  }
  return found;
}
