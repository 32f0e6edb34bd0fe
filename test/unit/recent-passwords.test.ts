import { describe, expect, it } from 'vitest';
import { passwordMatches, passwordVerifier } from '../../src/keys/password-verifier.js';
import { recentlyMatched } from '../../src/keys/recent-passwords.js';

// The remembered successes of password checks (keys/recent-passwords.ts): a shortcut for a right
// password only, never an answer the full check would not give.

const POOL = 'us-east-1_Recent001';

describe('recently matched passwords', () => {
  it('remembers a right password for that record, user and pool only', () => {
    const record = passwordVerifier(POOL, 'ann', 'Right-Pass-1', 0);
    expect(recentlyMatched(record, POOL, 'ann', 'Right-Pass-1')).toBe(false);
    expect(passwordMatches(record, POOL, 'ann', 'Right-Pass-1')).toBe(true);
    expect(recentlyMatched(record, POOL, 'ann', 'Right-Pass-1')).toBe(true);
    expect(recentlyMatched(record, POOL, 'bob', 'Right-Pass-1')).toBe(false);
    expect(recentlyMatched(record, 'us-east-1_Other0001', 'ann', 'Right-Pass-1')).toBe(false);
  });

  it('never remembers a wrong password', () => {
    const record = passwordVerifier(POOL, 'cat', 'Right-Pass-2', 0);
    expect(passwordMatches(record, POOL, 'cat', 'Wrong-Pass-2')).toBe(false);
    expect(passwordMatches(record, POOL, 'cat', 'Wrong-Pass-2')).toBe(false);
    expect(recentlyMatched(record, POOL, 'cat', 'Wrong-Pass-2')).toBe(false);
  });

  it('forgets the old password once the record changes (a new salt and verifier)', () => {
    const old = passwordVerifier(POOL, 'dan', 'Old-Pass-3', 0);
    expect(passwordMatches(old, POOL, 'dan', 'Old-Pass-3')).toBe(true);
    const changed = passwordVerifier(POOL, 'dan', 'New-Pass-3', 1);
    expect(passwordMatches(changed, POOL, 'dan', 'Old-Pass-3')).toBe(false);
    expect(passwordMatches(changed, POOL, 'dan', 'New-Pass-3')).toBe(true);
  });
});
