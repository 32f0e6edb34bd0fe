import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { ORDERS_CLIENT, POOL_ID, READER_CLIENT, decodeJwt, requestToken, testFixtures } from '../support/fixtures.js';

// The real consumers accept the mock's tokens unchanged (cognito-reference §8): aws-jwt-verify's
// CognitoJwtVerifier (issuer aws), jose, and openid-client discovery (issuer local).

async function accessToken(mock: CognitoMock, client: { id: string; secret: string }, scope?: string): Promise<string> {
  const res = await requestToken(mock.tokenEndpoint, { clientId: client.id, secret: client.secret, ...(scope === undefined ? {} : { scope }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('with issuer aws', () => {
  let mock: CognitoMock;
  let jwks: unknown;
  beforeAll(async () => {
    mock = await startCognitoMock({ fixtures: testFixtures() });
    jwks = await (await fetch(mock.jwksUri(POOL_ID))).json();
  });
  afterAll(() => mock.stop());

  const cachedVerifier = (props: { clientId: string; scope?: string }) => {
    const verifier = CognitoJwtVerifier.create({ userPoolId: POOL_ID, tokenUse: 'access', ...props });
    verifier.cacheJwks(jwks as Parameters<typeof verifier.cacheJwks>[0]);
    return verifier;
  };

  describe('aws-jwt-verify CognitoJwtVerifier + cacheJwks', () => {
    it('accepts a token (verify and verifySync) and returns its claims', async () => {
      const token = await accessToken(mock, ORDERS_CLIENT);
      const verifier = cachedVerifier({ clientId: ORDERS_CLIENT.id, scope: 'orders/read' });
      const payload = await verifier.verify(token);
      expect(payload).toEqual(decodeJwt(token).payload);
      expect(verifier.verifySync(token).client_id).toBe(ORDERS_CLIENT.id);
    });

    it('rejects a token for another client id', async () => {
      const token = await accessToken(mock, READER_CLIENT);
      await expect(cachedVerifier({ clientId: ORDERS_CLIENT.id }).verify(token))
        .rejects.toThrow(`Client ID not allowed: ${READER_CLIENT.id}. Expected: ${ORDERS_CLIENT.id}`);
    });

    it('rejects a token without the required scope', async () => {
      const token = await accessToken(mock, ORDERS_CLIENT, 'orders/read');
      await expect(cachedVerifier({ clientId: ORDERS_CLIENT.id, scope: 'orders/write' }).verify(token))
        .rejects.toThrow('Scope not allowed: orders/read. Expected: orders/write');
    });

    it('rejects an expired token', async () => {
      const token = mock.mintAccessToken({ clientId: ORDERS_CLIENT.id, expiresIn: -10 });
      await expect(cachedVerifier({ clientId: ORDERS_CLIENT.id }).verify(token)).rejects.toThrow(/^Token expired at /);
    });
  });

  describe('aws-jwt-verify with a SimpleJwksCache whose fetcher maps the AWS JWKS URL to the mock', () => {
    it('fetches the JWKS from the mock through the unchanged production path and accepts the token', async () => {
      const fetched: string[] = [];
      const awsJwksUri = `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}/.well-known/jwks.json`;
      const fetcher = {
        async fetch(uri: string): Promise<ArrayBuffer> {
          fetched.push(uri);
          const { pathname } = new URL(uri);
          const res = await fetch(new URL(pathname, mock.url));
          if (res.status !== 200) throw new Error(`Status code is ${res.status}, expected 200`);
          return res.arrayBuffer();
        },
      };
      const verifier = CognitoJwtVerifier.create(
        { userPoolId: POOL_ID, tokenUse: 'access', clientId: ORDERS_CLIENT.id, scope: ['orders/admin', 'orders/read'] },
        { jwksCache: new SimpleJwksCache({ fetcher }) },
      );
      const token = await accessToken(mock, ORDERS_CLIENT);
      expect((await verifier.verify(token)).sub).toBe(ORDERS_CLIENT.id);
      expect(fetched).toEqual([awsJwksUri]);

      await expect(verifier.verify(await accessToken(mock, READER_CLIENT))).rejects.toThrow('Client ID not allowed');
    });
  });

  describe('jose createRemoteJWKSet + jwtVerify', () => {
    it('verifies the signature, issuer and lifetime against the JWKS served over HTTP', async () => {
      const token = await accessToken(mock, ORDERS_CLIENT);
      const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(mock.jwksUri(POOL_ID))), {
        issuer: mock.issuer(POOL_ID), algorithms: ['RS256'],
      });
      expect(protectedHeader).toEqual(decodeJwt(token).header);
      expect(payload).toEqual(decodeJwt(token).payload);
    });

    it('rejects the token with another issuer', async () => {
      const token = await accessToken(mock, ORDERS_CLIENT);
      await expect(jwtVerify(token, createRemoteJWKSet(new URL(mock.jwksUri(POOL_ID))), { issuer: `${mock.url}/${POOL_ID}` }))
        .rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' });
    });
  });
});

describe('with issuer local: openid-client v6', () => {
  let mock: CognitoMock;
  beforeAll(async () => { mock = await startCognitoMock({ fixtures: testFixtures(), issuer: 'local' }); });
  afterAll(() => mock.stop());

  const discover = (auth?: oidc.ClientAuth) =>
    oidc.discovery(new URL(mock.issuer(POOL_ID)), ORDERS_CLIENT.id, ORDERS_CLIENT.secret, auth, { execute: [oidc.allowInsecureRequests] });

  it('discovers the pool and gets a token with clientCredentialsGrant (client_secret_post)', async () => {
    const config = await discover();
    expect(config.serverMetadata().token_endpoint).toBe(mock.tokenEndpoint);
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'orders/read' });
    expect({ token_type: tokens.token_type, expires_in: tokens.expires_in }).toEqual({ token_type: 'bearer', expires_in: 3600 });
    const { payload } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!)), { issuer: config.serverMetadata().issuer });
    expect({ iss: payload.iss, scope: payload.scope }).toEqual({ iss: `${mock.url}/${POOL_ID}`, scope: 'orders/read' });
  });

  it('gets a token with client_secret_basic, whose credentials it form-encodes', async () => {
    const tokens = await oidc.clientCredentialsGrant(await discover(oidc.ClientSecretBasic(ORDERS_CLIENT.secret)));
    expect(decodeJwt(tokens.access_token).payload.scope).toBe('orders/read orders/write');
  });

  it('surfaces the mock\'s invalid_scope error', async () => {
    await expect(oidc.clientCredentialsGrant(await discover(), { scope: 'orders/admin' })).rejects.toMatchObject({ error: 'invalid_scope', status: 400 });
  });
});
