import { createDiffieHellman, createHash, getDiffieHellman, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PasswordRecord } from '../model/users.js';

// Cognito's SRP password verifier (cognito-reference-users §4.4), what the store keeps instead of a
// password: v = g^x mod N with x = H(padHex(salt) ‖ H(poolName ‖ username ‖ ":" ‖ password)), so
// the same record serves the PASSWORD_VERIFIER challenge and a plain password check. The
// username is the internal one (`USER_ID_FOR_SRP`, a UUID in email-username pools), never an alias.

/** The RFC 5054 / RFC 3526 3072-bit group (node:crypto's `modp15`), the prime both AWS JS clients use. */
export const SRP_N = BigInt(`0x${getDiffieHellman('modp15').getPrime('hex')}`);
export const SRP_G = 2n;

/** Bytes of N: verifiers are compared at this width. */
const N_BYTES = 384;

/**
 * Hex of a non-negative number as Java's `BigInteger.toByteArray` writes it (the clients'
 * `padHex`): even length, and a `00` byte in front when the top bit is set.
 */
export function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

/** SHA-256 of bytes, as hex. */
export const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** SHA-256 of the bytes a hex string spells, as hex (the clients' `hexHash`). */
export const hexHash = (hex: string): string => sha256Hex(Buffer.from(hex, 'hex'));

/** base^exponent mod modulus by square-and-multiply, for any base (the SRP helper's A·v^u and B − k·g^x). */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** The group N with g = 2 as OpenSSL knows it (a named group: no primality check when created). */
const GROUP = { prime: getDiffieHellman('modp15').getPrime(), generator: Buffer.from([2]) };

/**
 * g^exponent mod N, for exponent > 0. OpenSSL's Diffie-Hellman computes it (the "public key" of
 * private key `exponent`) in about 0.6 ms where `modPow` takes 4: it runs for every password set,
 * every fixture user with a password at each start, and every SRP challenge.
 */
export function powG(exponent: bigint): bigint {
  if (exponent <= 0n) return modPow(SRP_G, exponent, SRP_N);
  const hex = exponent.toString(16);
  const dh = createDiffieHellman(GROUP.prime, GROUP.generator);
  dh.setPrivateKey(Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex'));
  return BigInt(`0x${dh.generateKeys('hex')}`);
}

/** `AbCdEf123` of `us-east-1_AbCdEf123`: the pool part the SRP hashes take. */
export const poolNameOf = (poolId: string): string => poolId.slice(poolId.indexOf('_') + 1);

/** x of SRP: the private value the password and salt make (§4.4). */
export function srpPrivateValue(poolId: string, username: string, password: string, salt: string): bigint {
  const identity = sha256Hex(Buffer.from(`${poolNameOf(poolId)}${username}:${password}`, 'utf8'));
  return BigInt(`0x${hexHash(padHex(BigInt(`0x${salt}`)) + identity)}`);
}

/**
 * The verifier of a password: a fresh random 16-byte salt unless one is given (`salt`: hex, as
 * `PasswordRecord.Salt`). `setDate` is epoch seconds.
 */
export function passwordVerifier(poolId: string, username: string, password: string, setDate: number, salt?: string): PasswordRecord {
  const Salt = salt ?? BigInt(`0x${randomBytes(16).toString('hex')}`).toString(16);
  const x = srpPrivateValue(poolId, username, password, Salt);
  return { Salt, Verifier: powG(x).toString(16), SetDate: setDate };
}

/** Whether `password` is the one the record was made from, compared in constant time. */
export function passwordMatches(record: PasswordRecord, poolId: string, username: string, password: string): boolean {
  const expected = fixedWidth(record.Verifier);
  const actual = fixedWidth(passwordVerifier(poolId, username, password, 0, record.Salt).Verifier);
  return expected !== undefined && actual !== undefined && timingSafeEqual(expected, actual);
}

/** A verifier as N-wide bytes, so every comparison takes the same time; undefined for a damaged one. */
function fixedWidth(hex: string): Buffer | undefined {
  if (!/^[0-9a-f]{1,768}$/.test(hex)) return undefined;
  return Buffer.from(hex.padStart(N_BYTES * 2, '0'), 'hex');
}
