import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSigningKey } from '../../src/keys/signing-key.js';
import { accessTokenClaims } from '../../src/tokens/access-token.js';
import { signJwt, signJwtAsync, signJwtOnPool, signJwts } from '../../src/tokens/jwt-signer.js';
import { signingKeys } from '../support/fixtures.js';

// The main-thread and thread-pool signers give the same bytes: RSASSA-PKCS1-v1_5 has no
// randomness, so a token does not depend on where it was signed.

const ACCESS_KEY = loadSigningKey({ privateKeyPem: signingKeys(0).AccessToken });
const ID_KEY = loadSigningKey({ privateKeyPem: signingKeys(0).IdToken });
const CLAIMS = accessTokenClaims({
  subject: { kind: 'client' }, clientId: '1example0client0orders0id1', scopes: ['orders/read'],
  issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1', iat: 1_700_000_000, expiresIn: 300,
});

function verifies(token: string, key = ACCESS_KEY): boolean {
  const [header, payload, signature] = token.split('.');
  return verify('sha256', Buffer.from(`${header}.${payload}`), createPublicKey({ key: { ...key.publicJwk }, format: 'jwk' }), Buffer.from(signature!, 'base64url'));
}

describe('jwt-signer', () => {
  it('signs the same bytes on the main thread and on the thread pool', async () => {
    const sync = signJwt(ACCESS_KEY, CLAIMS);
    expect(verifies(sync)).toBe(true);
    expect(await signJwtOnPool(ACCESS_KEY, CLAIMS)).toBe(sync);
    expect(await signJwtAsync(ACCESS_KEY, CLAIMS)).toBe(sync);
  });

  it('gives every one of many overlapping signatures the bytes of a lone one', async () => {
    const sync = signJwt(ACCESS_KEY, CLAIMS);
    const tokens = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? signJwtOnPool(ACCESS_KEY, CLAIMS) : signJwtAsync(ACCESS_KEY, CLAIMS))));
    expect(new Set(tokens)).toEqual(new Set([sync]));
  });

  it('signs several tokens of one answer in their order, each with its own key', async () => {
    const idClaims = { ...CLAIMS, token_use: 'id' };
    const [id, access] = await signJwts([[ID_KEY, idClaims], [ACCESS_KEY, CLAIMS]]);
    expect([id, access]).toEqual([signJwt(ID_KEY, idClaims), signJwt(ACCESS_KEY, CLAIMS)]);
    expect([verifies(id!, ID_KEY), verifies(access!, ACCESS_KEY), verifies(id!, ACCESS_KEY)]).toEqual([true, true, false]);
    // Again while other signatures are in flight: every one goes to the pool, the same bytes.
    const busy = signJwtOnPool(ACCESS_KEY, CLAIMS);
    expect(await signJwts([[ID_KEY, idClaims], [ACCESS_KEY, CLAIMS]])).toEqual([id, access]);
    expect(await busy).toBe(access);
    expect(await signJwts([])).toEqual([]);
  });

  it('rejects, rather than throws, when a key cannot sign', async () => {
    const publicOnly = { ...ACCESS_KEY, privateKey: createPublicKey(ACCESS_KEY.privateKey) };
    await expect(signJwtOnPool(publicOnly, CLAIMS)).rejects.toThrow();
    await expect(signJwtAsync(publicOnly, CLAIMS)).rejects.toThrow();
    await expect(signJwts([[publicOnly, CLAIMS], [publicOnly, CLAIMS]])).rejects.toThrow();
  });
});
