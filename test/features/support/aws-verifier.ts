import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { CognitoMock } from '../../../src/testing/index.js';
import { requestToken } from '../../support/fixtures.js';

/**
 * aws-jwt-verify 5.2's CognitoJwtVerifier on its production path, with the transport redirected
 * (cognito-reference §8.4): every JWKS URL it asks for (the cognito-idp and the issuer-cognito-idp
 * one) is fetched from the mock instead. `fetched` records the URLs it asked for.
 */
export function awsVerifierOnMock(mock: CognitoMock, userPoolId: string, clientId: string | string[] | null, scope?: string[]) {
  const fetched: string[] = [];
  const fetcher: Fetcher = {
    async fetch(uri) {
      fetched.push(uri);
      const res = await fetch(mock.jwksUri(new URL(uri).pathname.split('/')[1]!));
      if (res.status !== 200) throw new Error(`Status code is ${res.status}, expected 200`);
      return res.arrayBuffer();
    },
  };
  const verifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'access', clientId, ...(scope ? { scope } : {}) },
    { jwksCache: new SimpleJwksCache({ fetcher }) });
  return { verifier, fetched };
}

/** A client-credentials token request as real clients send it (Basic authentication). */
export function tokenResponse(mock: CognitoMock, client: { id: string; secret: string }, form: Record<string, string> = {}): Promise<Response> {
  return requestToken(mock.tokenEndpoint, { clientId: client.id, secret: client.secret, extra: form });
}

/** The access token of a successful client-credentials request; fails the test otherwise. */
export async function accessToken(mock: CognitoMock, client: { id: string; secret: string }, form: Record<string, string> = {}): Promise<string> {
  const res = await tokenResponse(mock, client, form);
  const body = (await res.json()) as { access_token?: string; error?: string };
  if (res.status !== 200 || body.access_token === undefined) throw new Error(`token request failed: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}
