import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { passwordMatches, passwordVerifier, srpPrivateValue, verifierValue } from '../../src/keys/password-verifier.js';
import { N, g, modPow, padHex } from '../../src/keys/srp-group.js';

// That the real amazon-cognito-identity-js signs in against a stored verifier is test/unit/srp.test.ts.

const POOL = 'us-east-1_AbCdEf123';
const random = (bytes: number): bigint => BigInt(`0x${randomBytes(bytes).toString('hex')}`);

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

describe('modPow', () => {
  it('agrees with square-and-multiply', () => {
    const cases: [bigint, bigint][] = [[2n, 0n], [0n, 5n], [1n, 7n], [N + 5n, 3n], [N - 1n, 3n], [2n, 255n], [2n, N - 1n]];
    for (let i = 0; i < 10; i++) cases.push([random(384), random(1 + i * 12)]);
    for (const [base, exponent] of cases) expect(modPow(base, exponent)).toBe(squareAndMultiply(base, exponent, N));
  });
});

describe('passwordVerifier (Cognito SRP)', () => {
  it('uses the 3072-bit RFC 5054 group with g = 2, N padded to 385 bytes', () => {
    expect(N.toString(16)).toMatch(/^ffffffffffffffffc90fdaa22168c234[0-9a-f]+43db5bfce0fd108e4b82d120a93ad2caffffffffffffffff$/);
    expect(N.toString(16)).toHaveLength(768);
    expect(padHex(N).length / 2).toBe(385);
    expect(padHex(g)).toBe('02');
    expect(padHex(0x7fn)).toBe('7f');
    expect(padHex(0x80n)).toBe('0080');
    expect(padHex(0xabcn)).toBe('0abc');
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

  it('keeps v as its 384 bytes in base64, and still reads the hex of stores written before', () => {
    const record = passwordVerifier(POOL, 'alice', 'Secret-1', 0, 'a244c038c0fd9192b9b5538344ce41ab');
    const v = modPow(g, srpPrivateValue(POOL, 'alice', 'Secret-1', record.Salt));
    expect(record.Verifier).toMatch(/^[A-Za-z0-9+/]{512}$/);
    expect(Buffer.from(record.Verifier, 'base64').toString('hex')).toBe(v.toString(16).padStart(768, '0'));
    expect(verifierValue(record.Verifier)).toBe(v);
    const written = { ...record, Verifier: v.toString(16) };
    expect(verifierValue(written.Verifier)).toBe(v);
    expect(passwordMatches(written, POOL, 'alice', 'Secret-1')).toBe(true);
    expect(passwordMatches(written, POOL, 'alice', 'Secret-2')).toBe(false);
    // N or past it, in either form, is no verifier.
    expect(verifierValue(N.toString(16))).toBeUndefined();
    expect(verifierValue(Buffer.from(N.toString(16), 'hex').toString('base64'))).toBeUndefined();
    expect(verifierValue(`${record.Verifier.slice(0, -1)}!`)).toBeUndefined();
  });

  it('never holds the password in the record', () => {
    const record = passwordVerifier(POOL, 'alice', 'Plain-Text-Password-9', 0);
    expect(JSON.stringify(record)).not.toContain('Plain-Text-Password-9');
  });
});
