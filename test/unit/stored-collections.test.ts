import { describe, expect, it } from 'vitest';
import { RESOURCE_SERVERS, USER_POOL_CLIENTS } from '../../src/store/collections.js';

// The store's check of a stored app client (store/collections.ts) holds it to the model's own rules
// (model/rules.ts): the ranges the API and fixtures enforce, in the words a fixture file gets.

const AT = 'pools["us-east-1_Unit00001"].UserPoolClients["c1"]';
const client = {
  UserPoolId: 'us-east-1_Unit00001', ClientName: 'svc', ClientId: 'c1', ClientSecret: 'secret0for0tests0only0000000000',
  LastModifiedDate: 1, CreationDate: 1, RefreshTokenValidity: 30, TokenValidityUnits: {},
  AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['orders/read'], AllowedOAuthFlowsUserPoolClient: true,
  EnableTokenRevocation: true, AuthSessionValidity: 3,
};
const problems = (changes: Record<string, unknown>) => USER_POOL_CLIENTS.problems(AT, { ...client, ...changes });

describe('the store\'s check of a stored app client', () => {
  it('passes a client as the API writes it, with secrets rotated in', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ ClientSecrets: [{ ClientSecretId: 'c1--1000', ClientSecretValue: client.ClientSecret, ClientSecretCreateDate: 1 }] })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['25 hours', { AccessTokenValidity: 25 }, 'AccessTokenValidity: Invalid range for token validity.'],
    ['299 seconds', { AccessTokenValidity: 299, TokenValidityUnits: { AccessToken: 'seconds' } }, 'AccessTokenValidity: Invalid range for token validity.'],
    ['0', { AccessTokenValidity: 0 }, 'AccessTokenValidity: must have value greater than or equal to 1 (got 0)'],
    ['1.5', { AccessTokenValidity: 1.5 }, 'AccessTokenValidity: must be an integer (got 1.5)'],
    ['2 days for ID tokens', { IdTokenValidity: 2, TokenValidityUnits: { IdToken: 'days' } }, 'IdTokenValidity: Invalid range for token validity.'],
    ['3651 days for refresh tokens', { RefreshTokenValidity: 3651 }, 'RefreshTokenValidity: Invalid range for token validity.'],
  ])('refuses a validity of %s by the model\'s ranges', (_case, changes, problem) => {
    expect(problems(changes)).toEqual([`${AT}.${problem}`]);
  });

  it('refuses an unknown unit, and members of the wrong type the token path reads', () => {
    expect(problems({ TokenValidityUnits: { AccessToken: 'weeks' } })).toEqual([
      `${AT}.TokenValidityUnits.AccessToken: 1 validation error detected: Value 'weeks' at 'tokenValidityUnits.accessToken' failed to satisfy constraint: Member must satisfy enum value set: [seconds, minutes, hours, days]`,
    ]);
    expect(problems({ ClientSecret: 5, AllowedOAuthScopes: ['orders/read', 7], AllowedOAuthFlowsUserPoolClient: 'yes' })).toEqual([
      `${AT}.ClientSecret: must be a string (got 5)`,
      `${AT}.AllowedOAuthScopes[1]: must be a string (got 7)`,
      `${AT}.AllowedOAuthFlowsUserPoolClient: must be a boolean (got "yes")`,
    ]);
    expect(problems({ ClientSecrets: [] })).toEqual([
      `${AT}.ClientSecrets must be a list of 1 to 2 {ClientSecretId, ClientSecretValue, ClientSecretCreateDate}`,
    ]);
  });
});

describe('the store\'s check of a stored resource server', () => {
  it('needs its scopes as a list of named scopes', () => {
    const at = 'pools["us-east-1_Unit00001"].ResourceServers["orders"]';
    expect(RESOURCE_SERVERS.problems(at, { Identifier: 'orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] })).toEqual([]);
    expect(RESOURCE_SERVERS.problems(at, { Identifier: 'orders', Scopes: [{ ScopeDescription: 'r' }] })).toEqual([
      `${at}.Scopes must be a list of {ScopeName, ScopeDescription}`,
    ]);
  });
});
