import { describe, expect, it } from 'vitest';
import { secretHashOf, secretHashVerdict } from '../../src/keys/secret-hash.js';

describe('SECRET_HASH', () => {
  it('matches the reference test vector', () => {
    // cognito-reference-users §4.2.
    expect(secretHashOf('abcdef01234567890', 'alice', 'djc98u3jiedmi283eu928')).toBe('VbZB/jmJy2KXzFaBHZWkmme9gEGnQWA9X8Jd5WgA4mA=');
  });

  it('judges a hash against every active secret', () => {
    const right = secretHashOf('second', 'alice', 'client');
    expect(secretHashVerdict([], 'alice', 'client', 'anything')).toBe('none_needed');
    expect(secretHashVerdict(['first'], 'alice', 'client', undefined)).toBe('missing');
    expect(secretHashVerdict(['first'], 'alice', 'client', '')).toBe('missing');
    expect(secretHashVerdict(['first'], 'alice', 'client', right)).toBe('wrong');
    expect(secretHashVerdict(['first', 'second'], 'alice', 'client', right)).toBe('ok');
    expect(secretHashVerdict(['first', 'second'], 'bob', 'client', right)).toBe('wrong');
    expect(secretHashVerdict(['second'], 'alice', 'client', 'short')).toBe('wrong');
  });
});
