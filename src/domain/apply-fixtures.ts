import { dictionary } from '../model/dictionary.js';
import { newClientSecret } from '../model/ids.js';
import { type StoredPool, type StoredPoolKeys, type UserPool, type UserPoolClient, orderClient } from '../model/types.js';
import type { Registry } from '../registry.js';
import type { FixtureGroup, FixturePool, FixtureUser } from '../store/fixtures.js';
import { randomUUID } from 'node:crypto';
import { passwordMatches, passwordVerifier } from '../keys/password-verifier.js';
import type { Group, StoredUser } from '../model/users.js';

/** A client id that a fixture gives to another pool than the one holding it in the store. */
interface LeavingClient {
  poolId: string;
  clientId: string;
}

/**
 * Applies fixtures over the store at start (README "Fixtures and the store"): fixture pools,
 * resource servers and clients replace stored ones with the same id; objects created through the
 * API stay. Keys come from the fixture, else the store, else are made once (`newPoolKeys`) and
 * kept. Generated secrets (`GenerateSecret: true`) are kept from the store across restarts. A
 * restart with the same fixtures changes nothing, and then nothing is written (no fsync on the way
 * to listening); otherwise every change goes to the store in one write.
 */
export async function applyFixtures(registry: Registry, fixtures: readonly FixturePool[]): Promise<void> {
  if (fixtures.length === 0) return;
  const now = registry.now();
  const generated = await Promise.all(fixtures.map((f) => (f.keys || registry.pool(f.Id) ? undefined : registry.newPoolKeys())));
  const leaving = leavingClients(registry, fixtures);
  const fixturePoolIds = new Set(fixtures.map((fixture) => fixture.Id));
  const changed: StoredPool[] = [];
  fixtures.forEach((fixture, i) => {
    const existing = registry.pool(fixture.Id);
    const gone = new Set(leaving.filter((client) => client.poolId === fixture.Id).map((client) => client.clientId));
    const pool = mergedPool(fixture, existing, fixture.keys ?? existing?.Keys ?? generated[i], gone, now);
    if (!existing || JSON.stringify(existing) !== JSON.stringify(pool)) changed.push(pool);
  });
  // A fixture pool loses its clients by being replaced; any other pool has them taken out.
  const fromOtherPools = leaving.filter((client) => !fixturePoolIds.has(client.poolId));
  // The plain passwords have become verifiers: nothing holds them past the start.
  for (const fixture of fixtures) for (const user of fixture.users) delete user.Password;
  if (changed.length > 0 || fromOtherPools.length > 0) await registry.replacePools(changed, fromOtherPools);
}

/** Client ids a fixture lists that the store holds in another pool: they belong to the fixture's pool now. */
function leavingClients(registry: Registry, fixtures: readonly FixturePool[]): LeavingClient[] {
  const leaving: LeavingClient[] = [];
  for (const fixture of fixtures) {
    for (const { ClientId } of fixture.clients) {
      const holder = registry.client(ClientId)?.pool.UserPool.Id;
      if (holder !== undefined && holder !== fixture.Id) leaving.push({ poolId: holder, clientId: ClientId });
    }
  }
  return leaving;
}

/** The fixture pool over what the store holds of it; `gone`: stored clients that moved to another fixture pool. */
function mergedPool(fixture: FixturePool, existing: StoredPool | undefined, keys: StoredPoolKeys | undefined,
  gone: ReadonlySet<string>, now: number): StoredPool {
  const UserPool: UserPool = {
    ...fixture.members,
    Id: fixture.Id,
    Name: typeof fixture.members.Name === 'string' ? fixture.members.Name : fixture.Id,
    CreationDate: existing?.UserPool.CreationDate ?? now,
    LastModifiedDate: existing?.UserPool.LastModifiedDate ?? now,
  };
  const ResourceServers = dictionary(existing?.ResourceServers);
  for (const server of fixture.resourceServers) ResourceServers[server.Identifier] = server;
  const UserPoolClients = dictionary(existing?.UserPoolClients);
  for (const clientId of gone) delete UserPoolClients[clientId];
  for (const given of fixture.clients) UserPoolClients[given.ClientId] = mergedClient(fixture.Id, given, existing?.UserPoolClients[given.ClientId], now);
  const Groups = dictionary(existing?.Groups);
  for (const given of fixture.groups) Groups[given.GroupName] = mergedGroup(fixture.Id, given, existing?.Groups?.[given.GroupName], now);
  const Users = dictionary(existing?.Users);
  for (const given of fixture.users) {
    const user = mergedUser(fixture.Id, given, storedUserOf(given, existing?.Users), now);
    Users[user.Username] = user;
  }
  if (!keys) throw new Error(`no keys for pool ${fixture.Id}`);
  // Other members of the stored record (collections fixtures do not carry) stay as they are.
  return { ...existing, UserPool, Keys: keys, ResourceServers, UserPoolClients, Users, Groups };
}

function mergedGroup(poolId: string, given: FixtureGroup, stored: Group | undefined, now: number): Group {
  const { CreationDate, LastModifiedDate, ...members } = given;
  return {
    ...members, UserPoolId: poolId,
    LastModifiedDate: LastModifiedDate ?? stored?.LastModifiedDate ?? now,
    CreationDate: CreationDate ?? stored?.CreationDate ?? now,
  };
}

/**
 * The stored user a fixture user is: by username, or in an email or phone-username pool the one
 * with that email or phone number (its username is its sub, made at the first start).
 */
function storedUserOf(given: FixtureUser, stored: Readonly<Record<string, StoredUser>> | undefined): StoredUser | undefined {
  if (!stored) return undefined;
  const attribute = given.signInAttribute;
  if (attribute === undefined) return Object.hasOwn(stored, given.Username) ? stored[given.Username] : undefined;
  return Object.values(stored).find((user) => user.Attributes.some((a) => a.Name === attribute && a.Value === given.Username));
}

/**
 * A fixture user over the stored one: the fixture's attributes, status and groups; `sub` and the
 * dates kept from the store unless given (a restart changes nothing); the stored verifier kept
 * while it still matches the fixture's password (its salt is random, so a new one would rewrite
 * the store at every start), else a new one. A user without a `Password` keeps what the store has.
 */
function mergedUser(poolId: string, given: FixtureUser, stored: StoredUser | undefined, now: number): StoredUser {
  const sub = given.sub ?? stored?.Attributes.find((attribute) => attribute.Name === 'sub')?.Value ?? randomUUID();
  // In an email or phone-username pool the username is the sub, and the name given is the attribute (§2.1).
  const attribute = given.signInAttribute;
  const Username = attribute === undefined ? given.Username : sub;
  const attributes = attribute === undefined ? given.Attributes
    : [...given.Attributes.filter((a) => a.Name !== attribute), { Name: attribute, Value: given.Username }];
  const password = given.Password;
  const Password = password === undefined ? stored?.Password
    : stored?.Password && passwordMatches(stored.Password, poolId, Username, password) ? stored.Password
      : passwordVerifier(poolId, Username, password, now);
  return {
    Username,
    Attributes: [{ Name: 'sub', Value: sub }, ...attributes],
    Enabled: given.Enabled,
    UserStatus: given.UserStatus,
    UserCreateDate: given.UserCreateDate ?? stored?.UserCreateDate ?? now,
    UserLastModifiedDate: given.UserLastModifiedDate ?? stored?.UserLastModifiedDate ?? now,
    ...(Password === undefined ? {} : { Password }),
    ...(given.Groups.length === 0 ? {} : { Groups: given.Groups }),
  };
}

function mergedClient(poolId: string, fixtureClient: FixturePool['clients'][number], stored: UserPoolClient | undefined, now: number): UserPoolClient {
  const { GenerateSecret, ...given } = fixtureClient;
  const secret = given.ClientSecret ?? (GenerateSecret ? stored?.ClientSecret ?? newClientSecret() : undefined);
  const { ClientSecret: _ignored, ...config } = given;
  const client = orderClient({
    ...config,
    UserPoolId: poolId,
    ...(secret === undefined ? {} : { ClientSecret: secret }),
    CreationDate: given.CreationDate ?? stored?.CreationDate ?? now,
    LastModifiedDate: given.LastModifiedDate ?? stored?.LastModifiedDate ?? now,
  });
  // A generated secret belongs to the store, and so do the secrets rotated in through the API.
  return GenerateSecret && stored?.ClientSecrets ? { ...client, ClientSecrets: stored.ClientSecrets } : client;
}
