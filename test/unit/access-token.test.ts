import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSigningKey } from '../../src/keys/signing-key.js';
import type { UserPoolClient } from '../../src/model/types.js';
import { accessTokenSeconds } from '../../src/domain/client-credentials-token.js';
import { accessTokenClaims } from '../../src/tokens/access-token.js';
import { signJwt } from '../../src/tokens/jwt-signer.js';
import { decodeJwt, signingKeys } from '../support/fixtures.js';

// The client_credentials access token (cognito-reference §2, §5).

const INPUT = { subject: { kind: 'client' } as const, clientId: '1example0client0orders0id1', scopes: ['orders/read', 'orders/write'], issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1', iat: 1_700_000_000, expiresIn: 300 };

describe('accessTokenClaims', () => {
  it('writes Cognito\'s ten claims in Cognito\'s order', () => {
    const claims = accessTokenClaims(INPUT);
    expect(Object.keys(claims)).toEqual(['sub', 'token_use', 'scope', 'auth_time', 'iss', 'exp', 'iat', 'version', 'jti', 'client_id']);
    expect(claims).toEqual({
      sub: INPUT.clientId, token_use: 'access', scope: 'orders/read orders/write', auth_time: 1_700_000_000, iss: INPUT.issuer,
      exp: 1_700_000_300, iat: 1_700_000_000, version: 2, jti: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), client_id: INPUT.clientId,
    });
  });
});

describe('signJwt', () => {
  it('signs RS256 over the header and payload segments, with the key\'s prebuilt header', () => {
    const key = loadSigningKey({ privateKeyPem: signingKeys(0).AccessToken });
    const claims = accessTokenClaims(INPUT);
    const token = signJwt(key, claims);
    const [header, payload, signature] = token.split('.');
    expect(header).toBe(key.headerSegment);
    expect(decodeJwt(token)).toEqual({ header: { kid: key.kid, alg: 'RS256' }, payload: claims });
    expect(Buffer.from(payload!, 'base64url').toString()).toContain('"iss":"https:\\/\\/cognito-idp');
    const valid = verify('sha256', Buffer.from(`${header}.${payload}`), createPublicKey({ key: { ...key.publicJwk }, format: 'jwk' }), Buffer.from(signature!, 'base64url'));
    expect({ valid, signatureBytes: Buffer.from(signature!, 'base64url').length }).toEqual({ valid: true, signatureBytes: 256 });
  });
});

describe('accessTokenSeconds', () => {
  const client = (validity: Partial<UserPoolClient>): UserPoolClient => ({ UserPoolId: 'p', ClientId: 'c', ClientName: 'c', CreationDate: 0, LastModifiedDate: 0, ...validity });

  it.each<[string, Partial<UserPoolClient>, number]>([
    ['no validity: one hour', {}, 3600],
    ['a unit alone: still one hour', { TokenValidityUnits: { AccessToken: 'minutes' } }, 3600],
    ['a value alone: hours', { AccessTokenValidity: 3 }, 10_800],
    ['minutes', { AccessTokenValidity: 5, TokenValidityUnits: { AccessToken: 'minutes' } }, 300],
    ['seconds', { AccessTokenValidity: 900, TokenValidityUnits: { AccessToken: 'seconds' } }, 900],
    ['days', { AccessTokenValidity: 1, TokenValidityUnits: { AccessToken: 'days' } }, 86_400],
    ['another token\'s unit does not apply', { AccessTokenValidity: 2, TokenValidityUnits: { IdToken: 'minutes' } }, 7200],
  ])('is %s', (_case, validity, seconds) => {
    expect(accessTokenSeconds(client(validity))).toBe(seconds);
  });
});
