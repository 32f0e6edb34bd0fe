import { describe, expect, it } from 'vitest';
import { Problems } from '../../src/model/problems.js';
import {
  checkClientConfig, checkDomainPrefix, checkResourceServerScopes, definedScopes, validitySeconds,
} from '../../src/model/rules.js';
import type { ResourceServer } from '../../src/model/types.js';

// Cognito's field rules shared by fixtures and the management API (cognito-reference §5, §6.5).

const ORDERS: ResourceServer = {
  UserPoolId: 'us-east-1_Rules0001', Identifier: 'orders', Name: 'Orders',
  Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }, { ScopeName: 'write', ScopeDescription: 'w' }],
};
const M2M = {
  ClientName: 'svc', AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'],
};

/** The problems of one client, as {path, type, message}. */
function clientProblems(input: Record<string, unknown>, hasSecret = true, p = new Problems()) {
  checkClientConfig(p, input, { resourceServers: { orders: ORDERS }, hasSecret });
  return p.list.map(({ path, type, message }) => ({ path, type, message }));
}
const invalid = (path: string, message: string) => ({ path, type: 'InvalidParameterException', message });

describe('checkClientConfig', () => {
  it('accepts a client_credentials client with a secret and defined scopes', () => {
    expect(clientProblems(M2M)).toEqual([]);
  });

  it('accepts a client with no OAuth settings at all, and the standard OIDC scopes', () => {
    expect(clientProblems({ ClientName: 'plain' }, false)).toEqual([]);
    expect(clientProblems({ ...M2M, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'] }, false)).toEqual([]);
  });

  it('requires client_credentials to be the only flow', () => {
    expect(clientProblems({ ...M2M, AllowedOAuthFlows: ['code', 'client_credentials'] })).toEqual([
      { path: 'AllowedOAuthFlows', type: 'InvalidOAuthFlowException', message: 'client_credentials flow can not be selected along with code flow or implicit flow.' },
    ]);
  });

  it('requires a secret for client_credentials', () => {
    expect(clientProblems(M2M, false)).toEqual([
      { path: 'AllowedOAuthFlows', type: 'InvalidOAuthFlowException', message: 'client_credentials flow can not be selected if client does not have a client secret.' },
    ]);
  });

  it('requires flows and scopes once the OAuth gate is open', () => {
    expect(clientProblems({ ...M2M, AllowedOAuthScopes: [] })).toEqual([
      invalid('', 'AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.'),
    ]);
  });

  it('reports each scope no resource server of the pool defines', () => {
    expect(clientProblems({ ...M2M, AllowedOAuthScopes: ['orders/read', 'orders/delete', 'billing/read'] })).toEqual([
      { path: 'AllowedOAuthScopes[1]', type: 'ScopeDoesNotExistException', message: 'Invalid scope requested: orders/delete' },
      { path: 'AllowedOAuthScopes[2]', type: 'ScopeDoesNotExistException', message: 'Invalid scope requested: billing/read' },
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['5 minutes', { AccessTokenValidity: 5, TokenValidityUnits: { AccessToken: 'minutes' } }],
    ['300 seconds', { AccessTokenValidity: 300, TokenValidityUnits: { AccessToken: 'seconds' } }],
    ['24 hours (the default unit)', { AccessTokenValidity: 24 }],
    ['1 day', { AccessTokenValidity: 1, TokenValidityUnits: { AccessToken: 'days' } }],
    ['a refresh token of 0 (the default)', { RefreshTokenValidity: 0 }],
    ['a refresh token of 3650 days', { RefreshTokenValidity: 3650 }],
    ['a refresh token of 60 minutes', { RefreshTokenValidity: 60, TokenValidityUnits: { RefreshToken: 'minutes' } }],
  ])('accepts a validity of %s', (_case, validity) => {
    expect(clientProblems({ ...M2M, ...validity })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['299 seconds', { AccessTokenValidity: 299, TokenValidityUnits: { AccessToken: 'seconds' } }, 'AccessTokenValidity'],
    ['25 hours', { AccessTokenValidity: 25 }, 'AccessTokenValidity'],
    ['2 days for ID tokens', { IdTokenValidity: 2, TokenValidityUnits: { IdToken: 'days' } }, 'IdTokenValidity'],
    ['59 minutes for refresh tokens', { RefreshTokenValidity: 59, TokenValidityUnits: { RefreshToken: 'minutes' } }, 'RefreshTokenValidity'],
    ['3651 days for refresh tokens', { RefreshTokenValidity: 3651 }, 'RefreshTokenValidity'],
  ])('rejects a validity of %s as out of range', (_case, validity, member) => {
    expect(clientProblems({ ...M2M, ...validity })).toEqual([invalid(member, 'Invalid range for token validity.')]);
  });

  it('reports a model violation once, without a range message after it', () => {
    expect(clientProblems({ ...M2M, AccessTokenValidity: 0 })).toEqual([
      invalid('AccessTokenValidity', "1 validation error detected: Value '0' at 'accessTokenValidity' failed to satisfy constraint: Member must have value greater than or equal to 1"),
    ]);
  });

  it('rejects an unknown unit', () => {
    expect(clientProblems({ ...M2M, TokenValidityUnits: { AccessToken: 'weeks', Session: 'hours' } })).toEqual([
      invalid('TokenValidityUnits.AccessToken', "1 validation error detected: Value 'weeks' at 'tokenValidityUnits.accessToken' failed to satisfy constraint: Member must satisfy enum value set: [seconds, minutes, hours, days]"),
      invalid('TokenValidityUnits.Session', 'Unknown token validity unit member: Session'),
    ]);
  });

  it('rejects HTTP callback URLs except on the local host', () => {
    const code = { ...M2M, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'] };
    expect(clientProblems({ ...code, CallbackURLs: ['https://app.test/cb', 'http://localhost:3000/cb', 'http://127.0.0.1/cb', 'myapp://cb'] }, false)).toEqual([]);
    expect(clientProblems({ ...code, CallbackURLs: ['http://app.test/cb'] }, false)).toEqual([
      invalid('CallbackURLs[0]', 'callback URL must use HTTPS unless it is localhost: http://app.test/cb'),
    ]);
  });

  it('checks the flow and scope rules of a client even when the list already holds other problems', () => {
    const p = new Problems('UserPools[0]');
    p.invalid('an earlier problem');
    const problems = clientProblems({ ...M2M, AllowedOAuthScopes: ['orders/nope'], AccessTokenValidity: 0 }, true, p.at('UserPoolClients').at(3));
    expect(problems.map((x) => x.path)).toEqual([
      'UserPools[0]', 'UserPools[0].UserPoolClients[3].AccessTokenValidity', 'UserPools[0].UserPoolClients[3].AllowedOAuthScopes[0]',
    ]);
  });

  it('skips the flow and scope rules when those members are malformed', () => {
    expect(clientProblems({ ...M2M, AllowedOAuthFlows: 'client_credentials' })).toEqual([
      { path: 'AllowedOAuthFlows', type: 'SerializationException', message: 'Unexpected value type for AllowedOAuthFlows: expected a list.' },
    ]);
  });
});

describe('checkDomainPrefix', () => {
  const domainProblems = (Domain: unknown) => {
    const p = new Problems();
    checkDomainPrefix(p, { Domain });
    return p.list.map((x) => x.message);
  };

  it('accepts a lowercase prefix', () => {
    expect(domainProblems('my-orders-1')).toEqual([]);
  });

  it.each(['my-aws-app', 'amazonish', 'cognito-test'])('rejects %s, which holds a reserved word', (domain) => {
    expect(domainProblems(domain)).toEqual([expect.stringMatching(/^Domain cannot contain reserved word: (aws|amazon|cognito)$/)]);
  });

  it.each(['-leading', 'trailing-', 'Upper', 'a.b'])('rejects %s as an invalid character, in CreateUserPoolDomain\'s words', (domain) => {
    expect(domainProblems(domain)).toEqual([
      'The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens. Please enter a different name that follows this format: ^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$',
    ]);
  });

  it('rejects a prefix over 63 characters by the model length', () => {
    expect(domainProblems('x'.repeat(64))).toEqual([
      `1 validation error detected: Value '${'x'.repeat(64)}' at 'domain' failed to satisfy constraint: Member must have length less than or equal to 63`,
    ]);
  });
});

describe('checkResourceServerScopes', () => {
  const scopeProblems = (Scopes: unknown) => {
    const p = new Problems();
    const scopes = checkResourceServerScopes(p, { Scopes });
    return { scopes, problems: p.list.map(({ path, message }) => ({ path, message })) };
  };

  it('returns valid scopes', () => {
    expect(scopeProblems([{ ScopeName: 'read', ScopeDescription: 'r' }])).toEqual({ scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }], problems: [] });
  });

  it('rejects duplicate names and names containing "/"', () => {
    expect(scopeProblems([{ ScopeName: 'read', ScopeDescription: 'r' }, { ScopeName: 'read', ScopeDescription: 'again' }, { ScopeName: 'a/b', ScopeDescription: 'x' }]).problems).toEqual([
      { path: 'Scopes[2].ScopeName', message: expect.stringContaining("Value 'a/b' at 'scopeName' failed to satisfy constraint: Member must satisfy regular expression pattern") },
      { path: 'Scopes[1]', message: 'Duplicate scope names are not allowed: read' },
    ]);
  });

  it('requires a description', () => {
    expect(scopeProblems([{ ScopeName: 'read' }]).problems).toEqual([
      { path: 'Scopes[0].ScopeDescription', message: "1 validation error detected: Value null at 'scopeDescription' failed to satisfy constraint: Member must not be null" },
    ]);
  });
});

describe('definedScopes and validitySeconds', () => {
  it('lists identifier/scope of every resource server', () => {
    expect(definedScopes({ orders: ORDERS, empty: { UserPoolId: 'p', Identifier: 'https://api.test', Name: 'e' } })).toEqual(new Set(['orders/read', 'orders/write']));
  });

  it('converts a validity into seconds, in its unit or the fallback', () => {
    expect([validitySeconds(2, 'minutes', 'hours'), validitySeconds(2, undefined, 'hours'), validitySeconds(2, undefined, 'days')]).toEqual([120, 7200, 172_800]);
  });
});
