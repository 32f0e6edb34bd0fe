import { describe, expect, it } from 'vitest';
import { grantedScopes } from '../../src/domain/granted-scopes.js';
import { OAuthError } from '../../src/errors.js';
import { DomainError } from '../../src/model/domain-error.js';
import type { UserPoolClient } from '../../src/model/types.js';
import { oauthErrorOf } from '../../src/oauth/errors.js';

// The scope claim of a client_credentials token (cognito-reference §1.5).

const client = (AllowedOAuthScopes?: string[]): UserPoolClient => ({
  UserPoolId: 'us-east-1_Scopes001', ClientId: 'c', ClientName: 'c', CreationDate: 0, LastModifiedDate: 0,
  ...(AllowedOAuthScopes === undefined ? {} : { AllowedOAuthScopes }),
});
const ACTIVE = new Set(['orders/read', 'orders/write', 'billing/read']);
const ALLOWED = client(['orders/write', 'billing/read', 'orders/read']);

/** `run`, with its domain error answered as the token endpoint answers it (oauth/errors.ts). */
const atTokenEndpoint = (run: () => unknown) => (): unknown => {
  try {
    return run();
  } catch (error) {
    throw error instanceof DomainError ? oauthErrorOf(error.problem) : error;
  }
};

const invalidScope = (domainRun: () => unknown): void => {
  const run = atTokenEndpoint(domainRun);
  expect(run).toThrow(OAuthError);
  try {
    run();
  } catch (error) {
    expect((error as OAuthError).code).toBe('invalid_scope');
  }
};

const problemOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return (error as DomainError).problem;
  }
  return undefined;
};

describe('grantedScopes', () => {
  it.each([[undefined], [''], ['   ']])('grants every allowed scope in configured order when scope is %j', (requested) => {
    expect(grantedScopes(ALLOWED, ACTIVE, requested)).toEqual(['orders/write', 'billing/read', 'orders/read']);
  });

  it('grants a requested subset in request order, each scope once', () => {
    expect(grantedScopes(ALLOWED, ACTIVE, 'orders/read  orders/write orders/read')).toEqual(['orders/read', 'orders/write']);
  });

  it('answers invalid_scope when any requested scope is not allowed for the client', () => {
    invalidScope(() => grantedScopes(client(['orders/read']), ACTIVE, 'orders/read orders/write'));
    invalidScope(() => grantedScopes(ALLOWED, ACTIVE, 'orders/delete'));
    invalidScope(() => grantedScopes(ALLOWED, ACTIVE, 'ORDERS/READ'));
  });

  it('names the first scope the client may not have, or the client that has none left, in the domain problem', () => {
    expect(problemOf(() => grantedScopes(client(['orders/read']), ACTIVE, 'orders/read orders/write billing/read')))
      .toEqual({ code: 'scope_not_allowed', scope: 'orders/write' });
    expect(problemOf(() => grantedScopes(client(['openid']), ACTIVE, undefined))).toEqual({ code: 'no_active_scope', clientId: 'c' });
  });

  it('leaves out allowed scopes no resource server defines any more, requested or not', () => {
    const active = new Set(['orders/read']);
    expect(grantedScopes(ALLOWED, active, undefined)).toEqual(['orders/read']);
    expect(grantedScopes(ALLOWED, active, 'orders/write orders/read')).toEqual(['orders/read']);
  });

  it('leaves out OIDC scopes, which M2M tokens never carry', () => {
    expect(grantedScopes(client(['openid', 'orders/read']), ACTIVE, undefined)).toEqual(['orders/read']);
  });

  it('answers invalid_scope when no scope is left to grant', () => {
    invalidScope(() => grantedScopes(client(['openid']), ACTIVE, undefined));
    invalidScope(() => grantedScopes(client([]), ACTIVE, undefined));
    invalidScope(() => grantedScopes(client(), ACTIVE, undefined));
    invalidScope(() => grantedScopes(ALLOWED, new Set(), 'orders/read'));
  });
});
