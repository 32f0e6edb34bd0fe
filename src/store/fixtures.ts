import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '../model/config-error.js';
import { importFixtureKey, invalidKeyReason } from '../keys/signing-key.js';
import { dictionary } from '../model/dictionary.js';
import { USER_POOL_ID_PATTERN } from '../model/ids.js';
import { Problems, checkList, checkObject, checkString, isRecord } from '../model/problems.js';
import {
  CLIENT_ID_RULE, CLIENT_SECRET_RULE, IDENTIFIER_RULE, MAX_RESOURCE_SERVERS_PER_POOL, POOL_NAME_RULE,
  RESOURCE_SERVER_NAME_RULE, USER_POOL_ID_RULE, checkClientConfig, checkDomainPrefix, checkResourceServerScopes,
} from '../model/rules.js';
import { type ResourceServer, type StoredPoolKeys, USER_POOL_CLIENT_MEMBERS, USER_POOL_MEMBERS, type UserPoolClient } from '../model/types.js';
import { checkLambdaConfig } from '../model/lambda-config.js';
import { fixtureFaultFromJson } from '../model/fault-json.js';
import { MAX_GROUPS_PER_POOL } from '../model/users.js';
import { samePool, unknownMembers } from './fixture-members.js';
import { type FixtureGroup, type FixtureUser, parseGroup, parseUser } from './fixture-users.js';
import type { Fault } from '../model/fault.js';

/** A fixture client: `UserPoolClientType` plus `GenerateSecret`; dates optional. */
export type FixtureClient = Omit<UserPoolClient, 'UserPoolId' | 'CreationDate' | 'LastModifiedDate'> & {
  CreationDate?: number;
  LastModifiedDate?: number;
  GenerateSecret?: boolean;
  /** Faults of this client's token requests (README "Fault injection"); never stored. */
  MockFaults?: Fault;
};

export type { FixtureGroup, FixtureUser };

export interface FixturePool {
  source: string;
  /** JSON path of the pool in its file, e.g. `UserPools[0]`. */
  path: string;
  Id: string;
  /** Other `UserPoolType` members as given (Name, Domain, LambdaConfig, IssuerConfiguration, …). */
  members: Record<string, unknown>;
  keys: StoredPoolKeys | undefined;
  resourceServers: ResourceServer[];
  clients: FixtureClient[];
  users: FixtureUser[];
  groups: FixtureGroup[];
}

/** Fixtures as the testing API takes them: a file or directory path, or the parsed object. */
export type FixtureInput = string | { UserPools: unknown[] };

// Members of `UserPoolType` a fixture may carry (so `describe-user-pool` output pastes in), plus our own.
const POOL_MEMBERS = new Set<string>([...USER_POOL_MEMBERS, 'ResourceServers', 'UserPoolClients', 'SigningKeys', 'Users', 'Groups']);
const CLIENT_MEMBERS = new Set<string>([...USER_POOL_CLIENT_MEMBERS, 'GenerateSecret', 'MockFaults']);
const SERVER_MEMBERS = new Set(['UserPoolId', 'Identifier', 'Name', 'Scopes']);

/**
 * Loads and validates fixtures: a JSON file, every `*.json` in a directory (in name order), or an
 * object. Throws one ConfigError listing every problem as `<file>: <JSON path>: <what is wrong>`.
 */
export async function loadFixtures(input: FixtureInput): Promise<FixturePool[]> {
  const { documents, problems } = typeof input === 'string'
    ? await readFixtureFiles(input)
    : { documents: [{ source: '<fixtures object>', json: input as unknown }], problems: [] };
  const pools: FixturePool[] = [];
  for (const { source, json } of documents) {
    const p = new Problems();
    pools.push(...parseDocument(p, json, source));
    problems.push(...p.list.map((x) => `${source}: ${x.path ? `${x.path}: ` : ''}${x.explain ?? x.message}`));
  }
  problems.push(...duplicateProblems(pools));
  if (problems.length > 0) throw new ConfigError(problems);
  return pools;
}

/** A file as messages name it: relative to the working directory when inside it, else as given. */
function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/** Reads a file or every `*.json` of a directory; a file that is not JSON is a problem, and the others are still checked. */
async function readFixtureFiles(path: string): Promise<{ documents: { source: string; json: unknown }[]; problems: string[] }> {
  let files: string[];
  try {
    files = (await stat(path)).isDirectory()
      ? (await readdir(path)).filter((name) => name.endsWith('.json')).sort().map((name) => join(path, name))
      : [path];
  } catch (error) {
    throw new ConfigError([`${shownPath(path)}: cannot read fixtures (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  const problems: string[] = [];
  const documents: { source: string; json: unknown }[] = [];
  for (const file of files) {
    const source = shownPath(file);
    try {
      documents.push({ source, json: JSON.parse(await readFile(file, 'utf8')) });
    } catch (error) {
      problems.push(`${source}: ${error instanceof SyntaxError ? `not valid JSON (${error.message})` : `cannot read (${(error as Error).message})`}`);
    }
  }
  return { documents, problems };
}

function parseDocument(p: Problems, json: unknown, source: string): FixturePool[] {
  if (!isRecord(json) || !Array.isArray(json.UserPools)) {
    p.invalid('a fixture file must be an object with a "UserPools" array');
    return [];
  }
  const pools: FixturePool[] = [];
  json.UserPools.forEach((pool, i) => {
    const parsed = parsePool(p.at('UserPools').at(i), pool, source, `UserPools[${i}]`);
    if (parsed) pools.push(parsed);
  });
  return pools;
}

function parsePool(p: Problems, pool: unknown, source: string, path: string): FixturePool | undefined {
  if (!isRecord(pool)) return p.invalid('a user pool must be an object');
  unknownMembers(p, pool, POOL_MEMBERS);
  const before = p.list.length;
  const Id = checkString(p, pool, 'Id', USER_POOL_ID_RULE);
  // Counted, not `p.ok`: the list also holds the problems of earlier pools in the file.
  if (Id !== undefined && p.list.length === before && !USER_POOL_ID_PATTERN.test(Id)) {
    p.at('Id').invalid(`Invalid user pool id: ${Id}`, `"${Id}" must look like <region>_<suffix>, e.g. us-east-1_Example01 (aws-jwt-verify rejects other ids)`);
  }
  checkString(p, pool, 'Name', POOL_NAME_RULE);
  if (pool.Domain !== undefined) checkDomainPrefix(p, pool);
  const issuer = checkObject(p, pool, 'IssuerConfiguration');
  if (issuer && issuer.Type !== 'ORIGINAL' && issuer.Type !== 'UPDATED') {
    p.at('IssuerConfiguration').at('Type').invalid('IssuerConfiguration.Type must be ORIGINAL or UPDATED');
  }
  // A trigger's `file:` URL may be relative to the fixture file (a fixture object has no file).
  const lambdaConfig = checkLambdaConfig(p, pool, 'LambdaConfig', source.startsWith('<') ? undefined : dirname(resolve(source)));
  const keys = parseSigningKeys(p, pool);

  const resourceServers = checkList(p, pool, 'ResourceServers', MAX_RESOURCE_SERVERS_PER_POOL, (item, at) =>
    parseResourceServer(at, item, Id)) ?? [];
  const byIdentifier = dictionary<ResourceServer>();
  resourceServers.forEach((server, i) => {
    if (Object.hasOwn(byIdentifier, server.Identifier)) p.at('ResourceServers').at(i).at('Identifier').invalid(`duplicate resource server identifier "${server.Identifier}"`);
    byIdentifier[server.Identifier] = server;
  });
  const clients = checkList(p, pool, 'UserPoolClients', 1000, (item, at) => parseClient(at, item, Id, byIdentifier)) ?? [];
  const groups = checkList(p, pool, 'Groups', MAX_GROUPS_PER_POOL, (item, at) => parseGroup(at, item, Id)) ?? [];
  const groupNames = new Set<string>();
  groups.forEach((group, i) => {
    if (groupNames.has(group.GroupName)) p.at('Groups').at(i).at('GroupName').invalid(`duplicate group name "${group.GroupName}"`);
    groupNames.add(group.GroupName);
  });
  const users = checkList(p, pool, 'Users', Number.POSITIVE_INFINITY, (item, at) => parseUser(at, item, pool, groupNames)) ?? [];
  const usernames = new Set<string>();
  users.forEach((user, i) => {
    if (usernames.has(user.Username)) p.at('Users').at(i).at('Username').invalid(`duplicate username "${user.Username}"`);
    usernames.add(user.Username);
  });

  if (Id === undefined) return undefined;
  const members: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(pool)) {
    if (!['Id', 'ResourceServers', 'UserPoolClients', 'SigningKeys', 'CreationDate', 'LastModifiedDate', 'Users', 'Groups'].includes(name)) members[name] = value;
  }
  if (lambdaConfig) members.LambdaConfig = lambdaConfig;
  return { source, path, Id, members, keys, resourceServers, clients, users, groups };
}

/** `SigningKeys: {AccessToken, IdToken}`: private keys (PEM or JWK) so test suites skip key generation. */
function parseSigningKeys(p: Problems, pool: Record<string, unknown>): StoredPoolKeys | undefined {
  const given = checkObject(p, pool, 'SigningKeys');
  if (!given) return undefined;
  const at = p.at('SigningKeys');
  unknownMembers(at, given, new Set(['AccessToken', 'IdToken']));
  const keys: Partial<StoredPoolKeys> = {};
  for (const [member, slot] of [['AccessToken', 'access'], ['IdToken', 'id']] as const) {
    if (given[member] === undefined) { at.at(member).invalid(`${member} is required when SigningKeys is given`); continue; }
    try {
      keys[slot] = importFixtureKey(given[member]);
    } catch (error) {
      // The reason follows the member's path: `…SigningKeys.AccessToken: must be an RSA key, got ec`.
      const reason = invalidKeyReason(error);
      if (reason === undefined) throw error;
      at.at(member).invalid(reason);
    }
  }
  return keys.access && keys.id ? { access: keys.access, id: keys.id } : undefined;
}

function parseResourceServer(p: Problems, server: unknown, poolId: string | undefined): ResourceServer | undefined {
  if (!isRecord(server)) return p.invalid('a resource server must be an object');
  unknownMembers(p, server, SERVER_MEMBERS);
  samePool(p, server, poolId);
  const Identifier = checkString(p, server, 'Identifier', IDENTIFIER_RULE);
  // Reserved by the management API too (management/resource-server-input.ts), in the same words.
  if (Identifier === '__proto__') p.at('Identifier').invalid('The identifier __proto__ is reserved by cognito-mock.');
  const Name = checkString(p, server, 'Name', RESOURCE_SERVER_NAME_RULE);
  const Scopes = checkResourceServerScopes(p, server);
  if (Identifier === undefined || Name === undefined || poolId === undefined) return undefined;
  return { UserPoolId: poolId, Identifier, Name, ...(Scopes ? { Scopes } : {}) };
}

function parseClient(p: Problems, client: unknown, poolId: string | undefined,
  resourceServers: Record<string, ResourceServer>): FixtureClient | undefined {
  if (!isRecord(client)) return p.invalid('an app client must be an object');
  unknownMembers(p, client, CLIENT_MEMBERS);
  samePool(p, client, poolId);
  const ClientId = checkString(p, client, 'ClientId', CLIENT_ID_RULE);
  const secret = checkString(p, client, 'ClientSecret', CLIENT_SECRET_RULE);
  const generate = client.GenerateSecret;
  if (generate !== undefined && typeof generate !== 'boolean') p.at('GenerateSecret').invalid('GenerateSecret must be a boolean');
  if (generate === true && secret !== undefined) p.at('GenerateSecret').invalid('give either ClientSecret or "GenerateSecret": true, not both');
  checkClientConfig(p, client, { resourceServers, hasSecret: secret !== undefined || generate === true });
  const dates: Record<string, number> = {};
  for (const member of ['CreationDate', 'LastModifiedDate'] as const) {
    const value = client[member];
    if (value === undefined) continue;
    // The CLI prints dates as ISO strings, the wire as epoch seconds: accept both (reference §6.1).
    const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) / 1000 : Number.NaN;
    if (Number.isFinite(seconds)) dates[member] = seconds;
    else p.at(member).invalid(`${member} must be epoch seconds or an ISO date`);
  }
  const faults = client.MockFaults === undefined ? undefined : fixtureFaultFromJson(client.MockFaults, ClientId ?? '');
  if (faults?.problem !== undefined) p.at('MockFaults').invalid(faults.problem);
  if (ClientId === undefined) return undefined;
  const { UserPoolId: _pool, CreationDate: _c, LastModifiedDate: _m, MockFaults: _f, ...rest } = client;
  // A null member is one not set, as the API reads it (`"AccessTokenValidity": null` is the default hour): never stored.
  const given = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== null));
  return { ...(given as FixtureClient), ...dates, ...(faults?.fault ? { MockFaults: faults.fault } : {}) };
}

/** Pool ids, client ids and domains are unique across every fixture file. */
function duplicateProblems(pools: FixturePool[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const claim = (key: string, where: string, what: string) => {
    const first = seen.get(key);
    if (first) problems.push(`${where}: duplicate ${what} (first defined at ${first})`);
    else seen.set(key, where);
  };
  for (const pool of pools) {
    const at = `${pool.source}: ${pool.path}`;
    claim(`pool:${pool.Id}`, `${at}.Id`, `user pool id "${pool.Id}"`);
    if (typeof pool.members.Domain === 'string') claim(`domain:${pool.members.Domain}`, `${at}.Domain`, `domain "${pool.members.Domain}"`);
    pool.clients.forEach((client, i) => {
      claim(`client:${client.ClientId}`, `${at}.UserPoolClients[${i}].ClientId`, `client id "${client.ClientId}"`);
    });
  }
  return problems;
}
