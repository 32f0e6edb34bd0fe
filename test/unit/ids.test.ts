import { describe, expect, it } from 'vitest';
import { USER_POOL_ID_PATTERN, newClientId, newClientSecret, newUserPoolId, regionOf } from '../../src/model/ids.js';

// Identifier formats of real Cognito (cognito-reference §2.4).

const many = (make: () => string, n = 500): string[] => Array.from({ length: n }, make);

describe('newClientId', () => {
  it('is 26 characters of lowercase base 32 ([0-9a-v]), a 128-bit number (first digit below 8)', () => {
    for (const id of many(newClientId)) expect(id).toMatch(/^[0-7][0-9a-v]{25}$/);
  });

  it('is random', () => {
    expect(new Set(many(newClientId)).size).toBe(500);
  });
});

describe('newClientSecret', () => {
  it('is 52 characters of lowercase base 32, a 256-bit number (first digit 0 or 1)', () => {
    for (const secret of many(newClientSecret)) expect(secret).toMatch(/^[01][0-9a-v]{51}$/);
  });

  it('is random', () => {
    expect(new Set(many(newClientSecret)).size).toBe(500);
  });
});

describe('newUserPoolId', () => {
  it('is <region>_<9 alphanumerics> and passes aws-jwt-verify\'s pattern', () => {
    for (const id of many(() => newUserPoolId('eu-central-1'), 100)) {
      expect(id).toMatch(/^eu-central-1_[A-Za-z0-9]{9}$/);
      expect(id).toMatch(USER_POOL_ID_PATTERN);
    }
    expect(new Set(many(() => newUserPoolId('us-east-1'), 100)).size).toBe(100);
  });
});

describe('USER_POOL_ID_PATTERN', () => {
  it.each(['us-east-1_Example01', 'us-gov-west-1_abc', 'eusc-de-east-1_X1', 'ap-southeast-2_dEIHPN1JG'])('accepts %s', (id) => {
    expect(id).toMatch(USER_POOL_ID_PATTERN);
  });

  it.each(['local_abc', 'us-east-1-Example', 'us-east-1_', 'us-east-1_ab-c', 'US-EAST-1_abc', 'us-east-one_abc'])('rejects %s', (id) => {
    expect(id).not.toMatch(USER_POOL_ID_PATTERN);
  });
});

describe('regionOf', () => {
  it('is the part before the underscore', () => {
    expect([regionOf('us-east-1_Example01'), regionOf('us-gov-west-1_a')]).toEqual(['us-east-1', 'us-gov-west-1']);
  });
});
