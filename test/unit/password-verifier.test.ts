import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SRP_G, SRP_N, hexHash, modPow, padHex, powG, passwordMatches, passwordVerifier, poolNameOf, sha256Hex,
} from '../../src/keys/password-verifier.js';

const POOL = 'us-east-1_AbCdEf123';
const random = (bytes: number): bigint => BigInt(`0x${randomBytes(bytes).toString('hex')}`);

/**
 * The client's half of PASSWORD_VERIFIER, written from the clients' formulas (cognito-reference-users
 * §4.4, amazon-cognito-identity-js AuthenticationHelper): its session key from the password, and
 * the server's from the stored verifier alone. Equal keys mean the verifier is the one the
 * clients' x implies.
 */
function sessionKeys(record: { Salt: string; Verifier: string }, username: string, password: string): { client: string; server: string } {
  const k = BigInt(`0x${hexHash(padHex(SRP_N) + padHex(SRP_G))}`);
  const a = random(128);
  const A = modPow(SRP_G, a, SRP_N);
  const v = BigInt(`0x${record.Verifier}`);
  const b = random(128);
  const B = (k * v + modPow(SRP_G, b, SRP_N)) % SRP_N;
  const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
  const identity = sha256Hex(Buffer.from(`${poolNameOf(POOL)}${username}:${password}`));
  const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${record.Salt}`)) + identity)}`);
  const clientS = modPow(((B - k * modPow(SRP_G, x, SRP_N)) % SRP_N + SRP_N) % SRP_N, a + u * x, SRP_N);
  const serverS = modPow(A * modPow(v, u, SRP_N), b, SRP_N);
  const hkdf = (S: bigint): string => {
    const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
    return createHmac('sha256', prk).update(Buffer.concat([Buffer.from('Caldera Derived Key'), Buffer.from([1])])).digest().subarray(0, 16).toString('hex');
  };
  return { client: hkdf(clientS), server: hkdf(serverS) };
}

/** The textbook modular power, to hold the native one to. */
function squareAndMultiply(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

describe('modPow and powG', () => {
  it('agree with square-and-multiply', () => {
    const cases: [bigint, bigint][] = [[2n, 0n], [0n, 5n], [1n, 7n], [SRP_N + 5n, 3n], [SRP_N - 1n, 3n]];
    for (let i = 0; i < 10; i++) cases.push([random(384), random(1 + i * 12)]);
    for (const [base, exponent] of cases) expect(modPow(base, exponent, SRP_N)).toBe(squareAndMultiply(base, exponent, SRP_N));
    for (const exponent of [0n, 1n, 2n, 255n, SRP_N - 1n, SRP_N + 1n, random(32), random(128)]) {
      expect(powG(exponent)).toBe(squareAndMultiply(SRP_G, exponent, SRP_N));
    }
  });
});

describe('passwordVerifier (Cognito SRP)', () => {
  it('uses the 3072-bit RFC 5054 group with g = 2, N padded to 385 bytes', () => {
    expect(SRP_N.toString(16)).toMatch(/^ffffffffffffffffc90fdaa22168c234[0-9a-f]+43db5bfce0fd108e4b82d120a93ad2caffffffffffffffff$/);
    expect(SRP_N.toString(16)).toHaveLength(768);
    expect(padHex(SRP_N).length / 2).toBe(385);
    expect(padHex(SRP_G)).toBe('02');
    expect(padHex(0x7fn)).toBe('7f');
    expect(padHex(0x80n)).toBe('0080');
    expect(padHex(0xabcn)).toBe('0abc');
  });

  it('makes a verifier the clients\' SRP agrees with: both sides derive the same key', () => {
    const record = passwordVerifier(POOL, 'alice', 'Correct-horse-1', 100);
    expect(record.Salt).toMatch(/^[0-9a-f]{1,32}$/);
    expect(record.SetDate).toBe(100);
    const right = sessionKeys(record, 'alice', 'Correct-horse-1');
    expect(right.client).toBe(right.server);
    const wrong = sessionKeys(record, 'alice', 'Correct-horse-2');
    expect(wrong.client).not.toBe(wrong.server);
  });

  it('is the same for the same salt, and differs by pool, username and salt', () => {
    const record = passwordVerifier(POOL, 'alice', 'pw', 0, 'a244c038c0fd9192b9b5538344ce41ab');
    expect(passwordVerifier(POOL, 'alice', 'pw', 0, record.Salt).Verifier).toBe(record.Verifier);
    expect(passwordVerifier('us-east-1_Other', 'alice', 'pw', 0, record.Salt).Verifier).not.toBe(record.Verifier);
    expect(passwordVerifier(POOL, 'bob', 'pw', 0, record.Salt).Verifier).not.toBe(record.Verifier);
    expect(passwordVerifier(POOL, 'alice', 'pw', 0).Salt).not.toBe(passwordVerifier(POOL, 'alice', 'pw', 0).Salt);
  });

  it('passwordMatches accepts the password and nothing else, and refuses a damaged record', () => {
    const record = passwordVerifier(POOL, 'alice', 'Secret-1', 0);
    expect(passwordMatches(record, POOL, 'alice', 'Secret-1')).toBe(true);
    expect(passwordMatches(record, POOL, 'alice', 'Secret-2')).toBe(false);
    expect(passwordMatches(record, POOL, 'Alice', 'Secret-1')).toBe(false);
    expect(passwordMatches({ ...record, Verifier: 'not hex' }, POOL, 'alice', 'Secret-1')).toBe(false);
  });

  it('never holds the password in the record', () => {
    const record = passwordVerifier(POOL, 'alice', 'Plain-Text-Password-9', 0);
    expect(JSON.stringify(record)).not.toContain('Plain-Text-Password-9');
  });
});
