import { clientSecretsProblems } from '../model/client-secrets.js';
import { type Problems, checkBoolean, checkList, checkString, isRecord, stringItem } from '../model/problems.js';
import { checkTokenValidities } from '../model/rules.js';
import type { ResourceServer, UserPoolClient } from '../model/types.js';
import type { ChallengeSession, SignInSession } from '../model/sign-in-sessions.js';
import { type Group, type StoredUser, USER_STATUSES, isStoredVerifier } from '../model/users.js';
import type { StoredCode } from '../model/codes.js';
import type { AuthorizationCode, LoginSession } from '../model/hosted-login.js';
import { type AnyCollection, durableCollection, memoryCollection, ruleProblems } from './collection.js';

// The collections every pool record holds, in the AWS API's own shapes (model/types.ts). A new
// kind of object (users, groups, refresh tokens, authorization codes, sessions) is one more
// definition here: the store journals, snapshots, checks and reverts it from that alone.

export const RESOURCE_SERVERS = durableCollection<ResourceServer>({
  member: 'ResourceServers',
  key: 'Identifier',
  // The token path reads each scope's name.
  problems: (at, server) => {
    const scopes = server.Scopes;
    const valid = scopes === undefined || (Array.isArray(scopes) && scopes.every((s) => isRecord(s) && typeof s.ScopeName === 'string'));
    return valid ? [] : [`${at}.Scopes must be a list of {ScopeName, ScopeDescription}`];
  },
});

export const USER_POOL_CLIENTS = durableCollection<UserPoolClient>({
  member: 'UserPoolClients',
  key: 'ClientId',
  // The members the token endpoint reads, by the rules the API and fixtures apply to them: a hand
  // edit that breaks one stops the start instead of yielding tokens with `exp: null` or a lifetime
  // Cognito never issues (reference §5).
  problems: (at, client) => {
    const problems = ruleProblems(at, (p) => {
      checkString(p, client, 'ClientSecret', {});
      checkStringList(p, client, 'AllowedOAuthFlows');
      checkStringList(p, client, 'AllowedOAuthScopes');
      checkBoolean(p, client, 'AllowedOAuthFlowsUserPoolClient');
      checkTokenValidities(p, client);
    });
    if (client.ClientSecrets !== undefined) problems.push(...clientSecretsProblems(`${at}.ClientSecrets`, client));
    return problems;
  },
});

/**
 * A list of strings (`checkList`'s words for what is wrong). Lists that are one skip `checkList`'s
 * path per item: a store of 100,000 clients is checked at every start (the start-up target).
 */
function checkStringList(p: Problems, client: Record<string, unknown>, member: string): void {
  const list = client[member];
  if (list === undefined || (Array.isArray(list) && list.every((item) => typeof item === 'string'))) return;
  checkList(p, client, member, Number.POSITIVE_INFINITY, stringItem(member, {}));
}

export const USERS = durableCollection<StoredUser>({
  member: 'Users',
  key: 'Username',
  // The members the management API and sign-in read: a hand edit that breaks one stops the start
  // instead of a request (a damaged verifier would refuse every password).
  problems: (at, user) => {
    const problems: string[] = [];
    const attributes = user.Attributes;
    if (!Array.isArray(attributes) || !attributes.every((a) => isRecord(a) && typeof a.Name === 'string' && typeof a.Value === 'string')) {
      problems.push(`${at}.Attributes must be a list of {Name, Value} strings`);
    }
    if (typeof user.Enabled !== 'boolean') problems.push(`${at}.Enabled must be a boolean`);
    if (!(USER_STATUSES as readonly unknown[]).includes(user.UserStatus)) problems.push(`${at}.UserStatus must be one of ${USER_STATUSES.join(', ')}`);
    for (const member of ['UserCreateDate', 'UserLastModifiedDate']) {
      if (typeof user[member] !== 'number') problems.push(`${at}.${member} must be epoch seconds`);
    }
    const password = user.Password;
    if (password !== undefined && !(isRecord(password) && isHex(password.Salt) && isStoredVerifier(password.Verifier) && typeof password.SetDate === 'number')) {
      problems.push(`${at}.Password must be {Salt (hex), Verifier (base64 or hex), SetDate}`);
    }
    const groups = user.Groups;
    if (groups !== undefined && !(Array.isArray(groups) && groups.every((g) => typeof g === 'string'))) problems.push(`${at}.Groups must be a list of group names`);
    return problems;
  },
});

export const GROUPS = durableCollection<Group>({
  member: 'Groups',
  key: 'GroupName',
  problems: (at, group) => {
    const problems: string[] = [];
    if (group.Precedence !== undefined && !Number.isInteger(group.Precedence)) problems.push(`${at}.Precedence must be an integer`);
    for (const member of ['Description', 'RoleArn']) {
      if (group[member] !== undefined && typeof group[member] !== 'string') problems.push(`${at}.${member} must be a string`);
    }
    return problems;
  },
});

export const SIGN_IN_SESSIONS = durableCollection<SignInSession>({
  member: 'SignInSessions',
  key: 'OriginJti',
  // What a refresh and a token check read: a broken one stops the start, not a sign-in.
  problems: (at, session) => {
    const problems: string[] = [];
    for (const member of ['Username', 'ClientId', 'TokenHash']) {
      if (typeof session[member] !== 'string') problems.push(`${at}.${member} must be a string`);
    }
    for (const member of ['AuthTime', 'ExpiresAt']) {
      if (typeof session[member] !== 'number') problems.push(`${at}.${member} must be epoch seconds`);
    }
    for (const member of ['PreviousValidUntil', 'RevokedAt']) {
      if (session[member] !== undefined && typeof session[member] !== 'number') problems.push(`${at}.${member} must be epoch seconds`);
    }
    const scopes = session.Scopes;
    if (scopes !== undefined && !(Array.isArray(scopes) && scopes.every((s) => typeof s === 'string'))) problems.push(`${at}.Scopes must be a list of scopes`);
    return problems;
  },
});

/** In memory: a restart only means signing in again, as an expired session does (reference-users §4.6). */
export const CHALLENGE_SESSIONS = memoryCollection<ChallengeSession>({
  member: 'ChallengeSessions',
  key: 'SessionHash',
  expiresAt: (session) => session.ExpiresAt,
});

/**
 * Pending confirmation and reset codes, one per user. In memory only: a code is a short-lived
 * credential that has no business in the store file, and one lost at a restart is only a new
 * ResendConfirmationCode or ForgotPassword away.
 */
export const CODES = memoryCollection<StoredCode>({ member: 'ConfirmationCodes', key: 'Username', expiresAt: (code) => code.ExpiresAt });

/** Managed login's codes (five minutes) and sessions (one hour), in memory: a restart means signing in again (§6.4, §6.5). */
export const AUTHORIZATION_CODES = memoryCollection<AuthorizationCode>({ member: 'AuthorizationCodes', key: 'CodeHash', expiresAt: (code) => code.ExpiresAt });
export const LOGIN_SESSIONS = memoryCollection<LoginSession>({ member: 'LoginSessions', key: 'SessionHash', expiresAt: (session) => session.ExpiresAt });

const isHex = (value: unknown): boolean => typeof value === 'string' && /^[0-9a-f]{1,768}$/.test(value);

/** What a server's store holds besides each pool's own `UserPool` and `Keys`. */
export const DEFAULT_COLLECTIONS: readonly AnyCollection[] = [RESOURCE_SERVERS, USER_POOL_CLIENTS, USERS, GROUPS, SIGN_IN_SESSIONS, CHALLENGE_SESSIONS, CODES,
  AUTHORIZATION_CODES, LOGIN_SESSIONS];
