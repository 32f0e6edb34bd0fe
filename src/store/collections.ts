import { clientSecretsProblems } from '../model/client-secrets.js';
import { type Problems, checkBoolean, checkList, checkString, isRecord, stringItem } from '../model/problems.js';
import { checkTokenValidities } from '../model/rules.js';
import type { ResourceServer, UserPoolClient } from '../model/types.js';
import { type AnyCollection, durableCollection, ruleProblems } from './collection.js';

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

/** What a server's store holds besides each pool's own `UserPool` and `Keys`. */
export const DEFAULT_COLLECTIONS: readonly AnyCollection[] = [RESOURCE_SERVERS, USER_POOL_CLIENTS];
