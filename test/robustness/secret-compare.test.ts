import { timingSafeEqual } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserPoolClient } from '../../src/model/types.js';
import { secretMatches } from '../../src/keys/client-secret.js';

// Client secrets are compared in constant time. Timing itself is not asserted
// (no timing in unit tests); what makes the comparison constant-time is: every comparison is
// node:crypto's timingSafeEqual over two buffers of one fixed length (SHA-256 digests), whatever
// the presented secret's length, and every secret of the client is compared, with no early exit.

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});
const compare = vi.mocked(timingSafeEqual);

const SECRET = 'abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop';
const ROTATED = 'zyxwvutsrqponmlkjihgfedcba9876543210zyxwvutsrqponml';
const client = (secrets: string[]): UserPoolClient => ({
  UserPoolId: 'us-east-1_Example01', ClientName: 'c', ClientId: 'client', CreationDate: 1, LastModifiedDate: 1,
  ClientSecret: secrets[0]!,
  ...(secrets.length > 1 ? { ClientSecrets: secrets.map((value, i) => ({ ClientSecretId: `client--${i}`, ClientSecretValue: value, ClientSecretCreateDate: i })) } : {}),
});

/** Near misses of every kind an attacker would probe with. */
const NEAR_MISSES = ['', 'a', SECRET.slice(0, -1), `${SECRET}x`, SECRET.toUpperCase(), `${SECRET.slice(0, -1)}q`, `q${SECRET.slice(1)}`,
  SECRET.repeat(200), ` ${SECRET}`, `${SECRET}\u0000`, 'e\u0301', '\u00e9'];

// A block body: a function returned from beforeEach would be called as its teardown.
beforeEach(() => { compare.mockClear(); });

describe('client secret comparison', () => {
  it('accepts exactly the secret, and none of its near misses', () => {
    expect(secretMatches(client([SECRET]), SECRET)).toBe(true);
    for (const presented of NEAR_MISSES) expect(secretMatches(client([SECRET]), presented), JSON.stringify(presented)).toBe(false);
    expect(secretMatches(client(['e\u0301'.padEnd(30, 'x')]), '\u00e9'.padEnd(30, 'x'))).toBe(false); // no Unicode normalisation
  });

  it('compares fixed-length digests with timingSafeEqual, once per secret, whatever the input length', () => {
    for (const presented of [SECRET, ...NEAR_MISSES]) {
      compare.mockClear();
      secretMatches(client([SECRET]), presented);
      expect(compare).toHaveBeenCalledTimes(1);
      const [given, stored] = compare.mock.calls[0]! as [Buffer, Buffer];
      expect([given.length, stored.length]).toEqual([32, 32]);
    }
  });

  it('compares every secret of a client with two (during rotation), also after the first one matched', () => {
    const rotating = client([SECRET, ROTATED]);
    for (const presented of [SECRET, ROTATED, 'nope']) {
      compare.mockClear();
      expect(secretMatches(rotating, presented)).toBe(presented !== 'nope');
      expect(compare).toHaveBeenCalledTimes(2);
    }
  });

  it('never compares for a client without a secret (and never matches)', () => {
    const { ClientSecret: _none, ...publicClient } = client([SECRET]);
    expect(secretMatches(publicClient as UserPoolClient, '')).toBe(false);
    expect(compare).not.toHaveBeenCalled();
  });
});
