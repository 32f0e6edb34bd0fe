import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '../model/config-error.js';
import { importFixtureKey, invalidKeyReason } from '../keys/signing-key.js';
import { dictionary } from '../model/dictionary.js';
import { USER_POOL_ID_PATTERN } from '../model/ids.js';
import { Problems, checkList, checkObject, checkString, checkStringValue, isRecord } from '../model/problems.js';
import {
  CLIENT_ID_RULE, CLIENT_SECRET_RULE, IDENTIFIER_RULE, MAX_RESOURCE_SERVERS_PER_POOL, POOL_NAME_RULE,
  RESOURCE_SERVER_NAME_RULE, USER_POOL_ID_RULE, checkClientConfig, checkDomainPrefix, checkResourceServerScopes,
} from '../model/rules.js';
import { type ResourceServer, type StoredPoolKeys, USER_POOL_CLIENT_MEMBERS, USER_POOL_MEMBERS, type UserPoolClient } from '../model/types.js';
import { checkLambdaConfig } from '../model/lambda-config.js';
import { fixtureFaultFromJson } from '../model/fault-json.js';
import { passwordPolicyOf } from '../model/password-policy.js';
import { checkGroupMembers, checkNewPassword, checkUserAttributes, poolAttributeNames } from '../model/user-rules.js';
import {
  GROUP_NAME_RULE, type Group, MAX_GROUPS_PER_POOL, MAX_GROUPS_PER_USER, USERNAME_RULE, USER_STATUSES, type UserAttribute, type UserStatus,
} from '../model/users.js';
import type { Fault } from '../model/fault.js';

/** A fixture client: `UserPoolClientType` plus `GenerateSecret`; dates optional. */
export type FixtureClient = Omit<UserPoolClient, 'UserPoolId' | 'CreationDate' | 'LastModifiedDate'> & {
  CreationDate?: number;
  LastModifiedDate?: number;
  GenerateSecret?: boolean;
  /** Faults of this client's token requests (README "Fault injection"); never stored. */
  MockFaults?: Fault;
};

/**
 * A fixture user: AdminGetUser's shape (`UserAttributes`, `sub` optional) plus the mock's own
 * `Password` (a permanent one) and `Groups` (names from the pool's `Groups`).
 */
export interface FixtureUser {
  Username: string;
  /** Without `sub`: that is `sub`, kept from the store or made at start when not given. */
  Attributes: UserAttribute[];
  sub?: string;
  Enabled: boolean;
  UserStatus: UserStatus;
  UserCreateDate?: number;
  UserLastModifiedDate?: number;
  /**
   * The plain password, until the start turns it into the verifier (domain/apply-fixtures.ts
   * clears it then); never stored nor logged.
   */
  Password?: string;
  Groups: string[];
  /**
   * In a pool with `UsernameAttributes`, the attribute `Username` was given as (`email`,
   * `phone_number`): the stored username is then the user's sub, as Cognito's (§2.1).
   */
  signInAttribute?: string;
}

/** A fixture group: `GroupType` without `UserPoolId` (or with the pool's own); dates optional. */
export type FixtureGroup = Omit<Group, 'UserPoolId' | 'CreationDate' | 'LastModifiedDate'> & { CreationDate?: number; LastModifiedDate?: number };

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
const USER_MEMBERS = new Set(['Username', 'UserAttributes', 'Enabled', 'UserStatus', 'UserCreateDate', 'UserLastModifiedDate', 'Password', 'Groups']);
const GROUP_MEMBERS = new Set(['GroupName', 'UserPoolId', 'Description', 'RoleArn', 'Precedence', 'CreationDate', 'LastModifiedDate']);
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

/**
 * A user: attributes the pool's schema knows (`sub` may be given, so a pasted admin-get-user
 * keeps it), a password its policy accepts, groups of its pool. With a `Password` the user is
 * CONFIRMED unless `UserStatus` says otherwise; without one FORCE_CHANGE_PASSWORD, and nobody
 * signs in until a password is set.
 */
function parseUser(p: Problems, user: unknown, pool: Record<string, unknown>, groupNames: ReadonlySet<string>): FixtureUser | undefined {
  if (!isRecord(user)) return p.invalid('a user must be an object');
  unknownMembers(p, user, USER_MEMBERS);
  const Username = checkString(p, user, 'Username', USERNAME_RULE);
  if (Username === '__proto__') p.at('Username').invalid('The Username __proto__ is reserved by cognito-mock.');
  const attributes = checkUserAttributes(p, user, 'UserAttributes', poolAttributeNames(pool.SchemaAttributes ?? pool.Schema),
    { allowEmpty: false, allowSub: true }) ?? [];
  const sub = attributes.find((attribute) => attribute.Name === 'sub')?.Value;
  const Attributes = attributes.filter((attribute) => attribute.Name !== 'sub');
  const Password = checkNewPassword(p, user, 'Password', passwordPolicyOf(pool.Policies), false);
  const status = checkString(p, user, 'UserStatus', {});
  if (status !== undefined && !(USER_STATUSES as readonly string[]).includes(status)) {
    p.at('UserStatus').invalid(`UserStatus must be one of ${USER_STATUSES.join(', ')}`);
  }
  const enabled = user.Enabled;
  if (enabled !== undefined && typeof enabled !== 'boolean') p.at('Enabled').invalid('Enabled must be a boolean');
  const Groups = checkList(p, user, 'Groups', MAX_GROUPS_PER_USER, (item, at) => {
    const name = checkStringValue(at, 'Groups', item, GROUP_NAME_RULE);
    if (name !== undefined && !groupNames.has(name)) return at.invalid(`group "${name}" is not in this pool's Groups`);
    return name;
  }) ?? [];
  const dates = datesOf(p, user, ['UserCreateDate', 'UserLastModifiedDate']);
  const signInAttribute = Username === undefined ? undefined : signInAttributeOf(p.at('Username'), pool.UsernameAttributes, Username);
  if (Username === undefined) return undefined;
  return {
    Username, Attributes, ...(sub === undefined ? {} : { sub }), ...(signInAttribute === undefined ? {} : { signInAttribute }), Enabled: enabled !== false,
    UserStatus: (status as UserStatus | undefined) ?? (Password === undefined ? 'FORCE_CHANGE_PASSWORD' : 'CONFIRMED'),
    ...dates, ...(Password === undefined ? {} : { Password }), Groups: [...new Set(Groups)],
  };
}

/**
 * In a pool with `UsernameAttributes`, what a fixture's `Username` is: an email or phone number
 * (the user signs in with it; the store's username is the sub), or the sub itself (a pasted
 * admin-get-user). Anything else is refused as AdminCreateUser refuses it.
 */
function signInAttributeOf(p: Problems, usernameAttributes: unknown, username: string): string | undefined {
  if (!Array.isArray(usernameAttributes) || usernameAttributes.length === 0) return undefined;
  if (usernameAttributes.includes('email') && /^[^@\s]+@[^@\s]+$/.test(username)) return 'email';
  if (usernameAttributes.includes('phone_number') && /^\+[0-9]{1,20}$/.test(username)) return 'phone_number';
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(username)) return undefined;
  return p.invalid('Username should be either an email or a phone number.',
    'in a pool with UsernameAttributes, Username must be an email or phone number the user signs in with (or their sub)');
}

/** A group: CreateGroup's members (and GetGroup's dates). */
function parseGroup(p: Problems, group: unknown, poolId: string | undefined): FixtureGroup | undefined {
  if (!isRecord(group)) return p.invalid('a group must be an object');
  unknownMembers(p, group, GROUP_MEMBERS);
  samePool(p, group, poolId);
  const GroupName = checkString(p, group, 'GroupName', GROUP_NAME_RULE);
  if (GroupName === '__proto__') p.at('GroupName').invalid('The GroupName __proto__ is reserved by cognito-mock.');
  const members = checkGroupMembers(p, group);
  const dates = datesOf(p, group, ['CreationDate', 'LastModifiedDate']);
  return GroupName === undefined ? undefined : { GroupName, ...members, ...dates };
}

/** Dates given as epoch seconds (the wire) or ISO strings (the CLI's output) (reference §6.1). */
function datesOf(p: Problems, obj: Record<string, unknown>, members: readonly string[]): Record<string, number> {
  const dates: Record<string, number> = {};
  for (const member of members) {
    const value = obj[member];
    if (value === undefined) continue;
    const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) / 1000 : Number.NaN;
    if (Number.isFinite(seconds)) dates[member] = seconds;
    else p.at(member).invalid(`${member} must be epoch seconds or an ISO date`);
  }
  return dates;
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

function samePool(p: Problems, obj: Record<string, unknown>, poolId: string | undefined): void {
  if (obj.UserPoolId !== undefined && obj.UserPoolId !== poolId) {
    p.at('UserPoolId').invalid(`UserPoolId ${JSON.stringify(obj.UserPoolId)} does not match the pool it is listed in (${poolId})`);
  }
}

function unknownMembers(p: Problems, obj: Record<string, unknown>, known: Set<string>): void {
  for (const name of Object.keys(obj)) {
    if (!known.has(name)) p.at(name).invalid(`unknown member "${name}"`);
  }
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
