import { type KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPair, sign, verify } from 'node:crypto';
import { promisify } from 'node:util';
import { DomainError } from '../model/domain-error.js';
import type { StoredSigningKey } from '../model/types.js';

const generateRsaKeyPair = promisify(generateKeyPair);

/** The JWKS members Cognito publishes, in its order (cognito-reference §3.1). */
export interface PublicJwk {
  alg: 'RS256';
  e: string;
  kid: string;
  kty: 'RSA';
  n: string;
  use: 'sig';
}

/** A signing key ready for use: imported once, kept as a KeyObject. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: PublicJwk;
  /** base64url of the JWT header `{"kid":…,"alg":"RS256"}`, built once per key. */
  headerSegment: string;
}

/** A fresh RSA-2048 key. Generated on the thread pool so one pool's key never blocks another request. */
export async function generateSigningKey(): Promise<StoredSigningKey> {
  const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** kid = Base64(SHA-256(DER SubjectPublicKeyInfo)), standard alphabet with padding (reference §2.4). */
export function kidOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

/** Cognito's JSON escapes `/` as `\/` (reference §2.3): kids and issuers look the same byte for byte. */
export const cognitoJson = (value: unknown): string => JSON.stringify(value).replaceAll('/', '\\/');

/**
 * Keys already imported in this process, by PEM: test suites start many mocks with the same
 * fixture keys, and importing one (parse, public key, JWK, kid) costs about a millisecond.
 */
const imported = new Map<string, SigningKey>();

export function loadSigningKey(stored: StoredSigningKey): SigningKey {
  let key = imported.get(stored.privateKeyPem);
  if (!key) {
    key = importSigningKey(stored.privateKeyPem);
    imported.set(stored.privateKeyPem, key);
  }
  return key;
}

/**
 * Imports a stored PEM and proves it once: a key that does not parse, or whose signature its own
 * public key does not verify, is an `invalid_key` problem here, not a 500 or a token no verifier
 * accepts later.
 */
function importSigningKey(pem: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw invalidKey(NOT_A_KEY);
  }
  const publicKey = createPublicKey(privateKey);
  // A stored key need not have come through importFixtureKey (a hand-edited store): the same checks.
  if (!proven.has(pem)) requireUsable(privateKey, publicKey);
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = kidOf(publicKey);
  return {
    kid,
    privateKey,
    publicJwk: { alg: 'RS256', e: String(jwk.e), kid, kty: 'RSA', n: String(jwk.n), use: 'sig' },
    headerSegment: Buffer.from(cognitoJson({ kid, alg: 'RS256' })).toString('base64url'),
  };
}

const PROBE = Buffer.from('cognito-mock signing key probe');

/**
 * Whether an RS256 signature (RSA-SHA256, PKCS#1 v1.5, what tokens carry) made with the private key
 * verifies with the public key derived from it. OpenSSL imports an RSA key whose members were
 * altered without checking that they still fit together (a changed byte of the modulus, or of `d`
 * and a CRT member together, still parses), and such a key signs tokens its JWKS entry does not
 * verify. One sign and verify costs about 1-2 ms, once per key and process (`proven`, the import cache).
 */
function signsVerifiably(privateKey: KeyObject, publicKey: KeyObject): boolean {
  try {
    return verify('sha256', PROBE, publicKey, sign('sha256', PROBE, privateKey));
  } catch {
    // Some damaged keys make OpenSSL refuse to sign at all.
    return false;
  }
}

const NOT_A_KEY = 'is not a private key (expected a PEM string or a private RSA JWK)';
const SIGNATURE_DOES_NOT_VERIFY = 'does not verify its own signature (its private and public parts do not match: an altered key)';

/**
 * A private key from a fixture, the `/_mock` API or the testing API, as PKCS#8/PKCS#1 PEM or a
 * private RSA JWK, normalised to the stored PKCS#8 PEM. Anything else is an `invalid_key` problem
 * whose reason names what is wrong (never the key material), worded to follow the key's name
 * (`SigningKeys.AccessToken must be an RSA key, got ec`).
 */
export function importFixtureKey(value: unknown): StoredSigningKey {
  const known = typeof value === 'string' ? normalized.get(value) : undefined;
  if (known) return known;
  const stored = normalizeKey(value);
  if (typeof value === 'string') normalized.set(value, stored);
  return stored;
}

/** Fixture PEMs already checked and normalised in this process (the same fixtures start many mocks in a test run). */
const normalized = new Map<string, StoredSigningKey>();

function normalizeKey(value: unknown): StoredSigningKey {
  let key: KeyObject;
  try {
    key = typeof value === 'string'
      ? createPrivateKey(value)
      : createPrivateKey({ key: value as import('node:crypto').JsonWebKey, format: 'jwk' });
  } catch {
    throw invalidKey(NOT_A_KEY);
  }
  // Proven now, so an altered key fails where it was given (a fixture, the store's start-up check, an API call).
  requireUsable(key, createPublicKey(key));
  const privateKeyPem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  proven.add(privateKeyPem);
  return { privateKeyPem };
}

/** Stored PEMs that passed requireUsable in this process: their import (on first use) does not sign again. */
const proven = new Set<string>();

/** An RSA key of at least 2048 bits whose signature its own public key verifies, or the `invalid_key` problem. */
function requireUsable(privateKey: KeyObject, publicKey: KeyObject): void {
  if (privateKey.asymmetricKeyType !== 'rsa') throw invalidKey(`must be an RSA key, got ${privateKey.asymmetricKeyType}`);
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) throw invalidKey(`must be at least 2048 bits, got ${bits}`);
  if (!signsVerifiably(privateKey, publicKey)) throw invalidKey(SIGNATURE_DOES_NOT_VERIFY);
}

const invalidKey = (reason: string): DomainError => new DomainError({ code: 'invalid_key', reason });

/** Why a key is not usable, when `error` is importFixtureKey's refusal; undefined for any other error. */
export function invalidKeyReason(error: unknown): string | undefined {
  return error instanceof DomainError && error.problem.code === 'invalid_key' ? error.problem.reason : undefined;
}
