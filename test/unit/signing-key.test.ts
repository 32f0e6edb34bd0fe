import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadPoolKeys } from '../../src/keys/pool-keys.js';
import { cognitoJson, generateSigningKey, importFixtureKey, kidOf, loadSigningKey } from '../../src/keys/signing-key.js';
import { DomainError } from '../../src/model/domain-error.js';
import { signingKeys } from '../support/fixtures.js';

// Keys and kids (cognito-reference §2.1, §2.4, §3.1): kid = Base64(SHA-256(DER SubjectPublicKeyInfo)).

const PEM = signingKeys(0).AccessToken;

/** The kid recomputed from the public JWK alone, the way a consumer holding only the JWKS would. */
const kidFromJwk = (n: string, e: string): string =>
  createHash('sha256').update(createPublicKey({ key: { kty: 'RSA', n, e }, format: 'jwk' }).export({ type: 'spki', format: 'der' })).digest('base64');

describe('kidOf', () => {
  it('is the standard Base64 (with padding) of the SHA-256 of the SPKI DER', () => {
    const publicKey = createPublicKey(createPrivateKey(PEM));
    const kid = kidOf(publicKey);
    expect(kid).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const jwk = publicKey.export({ format: 'jwk' });
    expect(kid).toBe(kidFromJwk(jwk.n!, jwk.e!));
  });

  it('differs between keys', () => {
    const kids = [0, 1, 2].flatMap((n) => Object.values(signingKeys(n as 0 | 1 | 2))).map((pem) => kidOf(createPublicKey(createPrivateKey(pem))));
    expect(new Set(kids).size).toBe(6);
  });
});

describe('loadSigningKey', () => {
  const key = loadSigningKey({ privateKeyPem: PEM });

  it('publishes exactly alg, e, kid, kty, n, use, in Cognito\'s order, public members only', () => {
    expect(Object.keys(key.publicJwk)).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(key.publicJwk).toEqual({ alg: 'RS256', e: 'AQAB', kid: key.kid, kty: 'RSA', n: expect.stringMatching(/^[\w-]{342}$/), use: 'sig' });
    expect(key.kid).toBe(kidFromJwk(key.publicJwk.n, key.publicJwk.e));
  });

  it('prebuilds the header {"kid","alg":"RS256"} with Cognito\'s escaped slashes', () => {
    expect(Buffer.from(key.headerSegment, 'base64url').toString()).toBe(`{"kid":"${key.kid.replaceAll('/', '\\/')}","alg":"RS256"}`);
  });

  it('keeps a private key that signs what the public JWK verifies', () => {
    const data = Buffer.from('payload');
    const signature = sign('sha256', data, key.privateKey);
    expect(verify('sha256', data, createPublicKey({ key: { ...key.publicJwk }, format: 'jwk' }), signature)).toBe(true);
  });
});

describe('loadPoolKeys', () => {
  it('builds the JWKS body once: both keys, compact, no private member', () => {
    const keys = loadPoolKeys({ access: { privateKeyPem: signingKeys(0).AccessToken }, id: { privateKeyPem: signingKeys(0).IdToken } }, 'us-east-1_Example01');
    const body = JSON.parse(keys.jwksBody) as { keys: { kid: string }[] };
    expect(body).toEqual({ keys: [keys.id.publicJwk, keys.access.publicJwk] });
    expect(keys.jwksBody).toBe(JSON.stringify(body));
    expect(keys.jwksBody).not.toMatch(/"(d|p|q|dp|dq|qi)"/);
  });
});

/** `run`, its `invalid_key` problem thrown as a plain Error of the reason (which each caller words after the key's name). */
const reasonOf = (run: () => unknown) => (): void => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError && error.problem.code === 'invalid_key') throw new Error(error.problem.reason);
    throw error;
  }
};

describe('importFixtureKey', () => {
  const pkcs8 = createPrivateKey(PEM);

  it('takes PKCS#8 PEM, PKCS#1 PEM and a private JWK of the same key alike', () => {
    const pkcs1 = pkcs8.export({ type: 'pkcs1', format: 'pem' }).toString();
    const jwk = pkcs8.export({ format: 'jwk' });
    const stored = [PEM, pkcs1, jwk].map((value) => importFixtureKey(value).privateKeyPem);
    expect(new Set(stored)).toEqual(new Set([pkcs8.export({ type: 'pkcs8', format: 'pem' }).toString()]));
  });

  it.each([
    ['a public key', () => createPublicKey(pkcs8).export({ type: 'spki', format: 'pem' }).toString(), 'is not a private key (expected a PEM string or a private RSA JWK)'],
    ['a public JWK', () => createPublicKey(pkcs8).export({ format: 'jwk' }), 'is not a private key (expected a PEM string or a private RSA JWK)'],
    ['text', () => 'not a key', 'is not a private key (expected a PEM string or a private RSA JWK)'],
    ['a number', () => 42, 'is not a private key (expected a PEM string or a private RSA JWK)'],
    ['an EC key', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'must be an RSA key, got ec'],
    ['a 1024-bit RSA key', () => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'must be at least 2048 bits, got 1024'],
  ])('rejects %s, naming what is wrong and never the key', (_case, value, message) => {
    expect(reasonOf(() => importFixtureKey(value()))).toThrow(new Error(message));
  });
});

describe('keys whose members were altered but still parse', () => {
  const jwk = createPrivateKey(signingKeys(2).AccessToken).export({ format: 'jwk' });
  /** The member with one bit of one byte flipped (base64url in, base64url out). */
  const flipped = (member: 'n' | 'd' | 'p' | 'dp' | 'qi'): string => {
    const bytes = Buffer.from(jwk[member]!, 'base64url');
    bytes[bytes.length - 5]! ^= 0x01;
    return bytes.toString('base64url');
  };
  const altered = (...members: ('n' | 'd' | 'p' | 'dp' | 'qi')[]) => ({ ...jwk, ...Object.fromEntries(members.map((m) => [m, flipped(m)])) });
  const SIGNATURE_DOES_NOT_VERIFY = 'does not verify its own signature (its private and public parts do not match: an altered key)';

  // OpenSSL 3 checks none of these at import; a key that cannot sign tokens its own JWKS entry
  // verifies is what the probe catches. One altered CRT member or `d` alone still signs correctly
  // (OpenSSL checks each CRT result and falls back to `d`), so those keys are usable and accepted.
  const CASES = [['n'], ['d', 'dp'], ['d', 'p'], ['d', 'qi']].map((members) => [members.join(' and '), members] as [string, ('n' | 'd' | 'p' | 'dp' | 'qi')[]]);

  it.each(CASES)('%s altered: imported by node:crypto, signing with it does not verify', (_case, members) => {
    const key = createPrivateKey({ key: altered(...members), format: 'jwk' });
    const data = Buffer.from('payload');
    expect(verify('sha256', data, createPublicKey(key), sign('sha256', data, key))).toBe(false);
  });

  it.each(CASES)('%s altered: refused as a fixture key (JWK and the PEM made of it), naming no key material', (_case, members) => {
    const value = altered(...members);
    expect(reasonOf(() => importFixtureKey(value))).toThrow(new Error(SIGNATURE_DOES_NOT_VERIFY));
    const pem = createPrivateKey({ key: value, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(reasonOf(() => importFixtureKey(pem))).toThrow(new Error(SIGNATURE_DOES_NOT_VERIFY));
  });

  it('refused when stored: loadPoolKeys names the pool and the key (invalid_stored_key)', () => {
    const pem = createPrivateKey({ key: altered('n'), format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }).toString();
    const good = { privateKeyPem: signingKeys(0).AccessToken };
    const load = (keys: Parameters<typeof loadPoolKeys>[0]) => { try { loadPoolKeys(keys, 'us-east-1_Example01'); } catch (error) { return (error as DomainError).problem; } };
    expect(load({ access: { privateKeyPem: pem }, id: good })).toEqual({ code: 'invalid_stored_key', poolId: 'us-east-1_Example01', key: 'AccessToken', reason: SIGNATURE_DOES_NOT_VERIFY });
    expect(load({ access: good, id: { privateKeyPem: pem } })).toMatchObject({ key: 'IdToken' });
    expect(load({ access: good, id: good, previous: [good, { privateKeyPem: pem }] })).toMatchObject({ key: 'previous[1]' });
    // A PEM in the right armour whose body is no key (what a big store's start-up check lets through).
    expect(load({ access: good, id: { privateKeyPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' } }))
      .toEqual({ code: 'invalid_stored_key', poolId: 'us-east-1_Example01', key: 'IdToken', reason: 'is not a private key (expected a PEM string or a private RSA JWK)' });
    // An EC key in the same armour: it signs and verifies, but is no RS256 key (its JWK would have no n, e).
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(load({ access: { privateKeyPem: ec }, id: good })).toMatchObject({ key: 'AccessToken', reason: 'must be an RSA key, got ec' });
  });

  it('accepts one altered CRT member or d alone: it still signs what its public key verifies', () => {
    for (const member of ['d', 'p', 'dp', 'qi'] as const) {
      const stored = importFixtureKey(altered(member));
      const key = loadSigningKey(stored);
      const data = Buffer.from('payload');
      expect(verify('sha256', data, createPublicKey({ key: { ...key.publicJwk }, format: 'jwk' }), sign('sha256', data, key.privateKey))).toBe(true);
    }
  });
});

describe('generateSigningKey', () => {
  it('generates a fresh RSA-2048 key as PKCS#8 PEM', async () => {
    const { privateKeyPem } = await generateSigningKey();
    expect(privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const key = createPrivateKey(privateKeyPem);
    expect({ type: key.asymmetricKeyType, bits: key.asymmetricKeyDetails?.modulusLength, e: key.asymmetricKeyDetails?.publicExponent })
      .toEqual({ type: 'rsa', bits: 2048, e: 65537n });
  });
});

describe('cognitoJson', () => {
  it('escapes "/" as "\\/" the way Cognito serialises tokens', () => {
    expect(cognitoJson({ iss: 'https://a/b', scope: 'orders/read' })).toBe('{"iss":"https:\\/\\/a\\/b","scope":"orders\\/read"}');
    expect(JSON.parse(cognitoJson({ v: 'a/b' }))).toEqual({ v: 'a/b' });
  });
});
