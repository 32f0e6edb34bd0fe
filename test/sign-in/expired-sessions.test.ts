import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCognitoMock } from '../../src/testing/index.js';
import { failure, managementClient } from '../support/management-client.js';
import { useTempDir } from '../support/temp-dir.js';
import { CLIENTS, PASSWORD, POOL, signInFixtures } from './support.js';

// A sign-in is kept for a day after its refresh token expired (README "Signing users in"), then
// dropped from the store: sessions do not pile up in the file and in memory for good.

const tmp = useTempDir('expired-sessions');
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 11, 3, 9, 0, 0);

async function at(now: number, data: string) {
  const mock = await startCognitoMock({ fixtures: signInFixtures(), data, clock: () => now });
  const sdk = managementClient(mock.url);
  const refresh = (token: string) => sdk.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENTS.app.id, AuthParameters: { REFRESH_TOKEN: token } }));
  const sessions = () => Object.keys(((mock.snapshot().pools as Record<string, Record<string, unknown>>)[POOL]!.SignInSessions ?? {}) as object).length;
  return { mock, refresh, sessions };
}

describe('expired sign-in sessions', () => {
  it('answer "Refresh Token has expired" for a day after their 30 days, then are gone from the store: "Invalid Refresh Token."', async () => {
    const data = join(tmp.path, 'store.json');
    const first = await at(T0, data);
    const { refreshToken } = await first.mock.signIn({ clientId: CLIENTS.app.id, username: 'alice', password: PASSWORD });
    expect(first.sessions()).toBe(1);
    await first.mock.stop();

    const expired = await at(T0 + 30 * DAY + 60_000, data);
    expect(await failure(expired.refresh(refreshToken))).toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has expired' });
    expect(expired.sessions()).toBe(1);
    await expired.mock.stop();

    const later = await at(T0 + 31 * DAY + 60_000, data);
    expect(later.sessions()).toBe(0);
    expect(await failure(later.refresh(refreshToken))).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token.' });
    await later.mock.stop();
  });
});
