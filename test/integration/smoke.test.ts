import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { ORDERS_CLIENT, POOL_ID, decodeJwt, requestToken, testFixtures } from '../support/fixtures.js';

describe('smoke', () => {
  let mock: CognitoMock;
  beforeAll(async () => { mock = await startCognitoMock({ fixtures: testFixtures() }); });
  afterAll(() => mock.stop());

  it('issues a token with Cognito claims in order', async () => {
    const res = await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string };
    const { payload } = decodeJwt(body.access_token);
    expect(Object.keys(payload)).toEqual(['sub', 'token_use', 'scope', 'auth_time', 'iss', 'exp', 'iat', 'version', 'jti', 'client_id']);
    expect(payload.iss).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`);
  });
});
