import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoMockError, type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { CLIENTS, POOL, PASSWORD, hostedFixtures } from './support.js';

// The testing API's managed-login sign-in, and the pre token generation trigger on that flow
// (triggerSource TokenGeneration_HostedAuth, the granted scopes in the event; cognito-reference-users §5.8).

let mock: CognitoMock;
const events: Record<string, unknown>[] = [];
beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: hostedFixtures() });
});
afterAll(() => mock.stop());

describe('mock.hostedSignIn', () => {
  it('completes a code flow for a public and a confidential client', async () => {
    const spa = await mock.hostedSignIn({ clientId: CLIENTS.spa.id, username: 'alice', password: PASSWORD, scope: 'openid email', nonce: 'n1' });
    expect(decodeJwt(spa.idToken!)).toMatchObject({ nonce: 'n1', email: 'alice@example.com' });
    expect(decodeJwt(spa.accessToken)).toMatchObject({ scope: 'openid email', version: 2 });
    const web = await mock.hostedSignIn({ clientId: CLIENTS.web.id, username: 'alice', password: PASSWORD });
    expect(decodeJwt(web.accessToken).scope).toBe('openid email profile');
    expect(web.refreshToken).toBeTruthy();
  });

  it('says why it failed', async () => {
    const failure = mock.hostedSignIn({ clientId: CLIENTS.spa.id, username: 'alice', password: 'wrong' });
    await expect(failure).rejects.toBeInstanceOf(CognitoMockError);
    await expect(failure).rejects.toMatchObject({ code: 'hosted_sign_in_failed', message: expect.stringContaining('Incorrect username or password.') });
    await expect(mock.hostedSignIn({ clientId: CLIENTS.api.id, username: 'alice', password: PASSWORD })).rejects.toMatchObject({ code: 'hosted_sign_in_failed' });
  });

  it('runs the pre token generation trigger with TokenGeneration_HostedAuth and the granted scopes', async () => {
    mock.setPreTokenGenerationTrigger(POOL, (event) => {
      events.push(event as unknown as Record<string, unknown>);
      // A V3_0 answer (the version a handler set without a LambdaConfig runs as).
      return { ...event, response: { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { team: 'blue' } } } } };
    });
    try {
      const tokens = await mock.hostedSignIn({ clientId: CLIENTS.spa.id, username: 'alice', password: PASSWORD, scope: 'openid profile' });
      expect(decodeJwt(tokens.idToken!).team).toBe('blue');
      expect(events.at(-1)).toMatchObject({ triggerSource: 'TokenGeneration_HostedAuth', callerContext: { clientId: CLIENTS.spa.id },
        request: { scopes: ['openid', 'profile'] } });
    } finally {
      mock.setPreTokenGenerationTrigger(POOL, undefined);
    }
  });
});
