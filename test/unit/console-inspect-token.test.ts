import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type PoolKeyring, inspectToken, span } from '../../src/console/inspect-token.js';

// The token decoder's judgement (README "Console"), without a server: the pool found from `iss` or
// `kid`, each check with the verifier's code, and every failure listed, the first one the verdict.

const NOW = 1_800_000_000;
const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Unit00001';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'access-kid' } as PoolKeyring['keys'][number]['jwk'];
const POOLS: PoolKeyring[] = [
  { poolId: 'us-east-1_Unit00001', issuer: ISSUER, keys: [{ jwk, role: 'access-token key' }], clients: new Map([['client1', 'billing']]) },
  { poolId: 'eu-west-1_Unit00002', issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Unit00002', keys: [], clients: new Map() },
];

function token(claims: Record<string, unknown>, header: Record<string, unknown> = { kid: 'access-kid', alg: 'RS256' }): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part(header)}.${part(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}
const access = (claims: Record<string, unknown> = {}) =>
  ({ sub: 'client1', token_use: 'access', iss: ISSUER, exp: NOW + 600, iat: NOW, client_id: 'client1', ...claims });

describe('inspectToken', () => {
  it('accepts a good access token: its pool from iss, its key, its client', () => {
    const report = inspectToken(token(access()), POOLS, NOW);
    expect(report.rejection).toBeUndefined();
    expect(report.pool).toEqual({ poolId: 'us-east-1_Unit00001', foundBy: 'iss' });
    expect(report.checks.map((check) => [check.name, check.ok])).toEqual([
      ['format', true], ['alg', true], ['kid', true], ['signature', true], ['iss', true], ['exp', true], ['token_use', true], ['client_id', true]]);
  });

  it('says expired at exp itself, as jose does, and how long ago', () => {
    const report = inspectToken(token(access({ exp: NOW - 120 })), POOLS, NOW);
    expect(report.rejection).toEqual({ code: 'token_expired', text: 'expired 2 minutes ago' });
    expect(inspectToken(token(access({ exp: NOW })), POOLS, NOW).rejection?.code).toBe('token_expired');
  });

  it('names the first failure in the verifier\'s order and lists the others', () => {
    const report = inspectToken(token(access({ iss: 'https://elsewhere.test/pool', exp: NOW - 1, token_use: 'refresh' })), POOLS, NOW);
    expect(report.pool).toEqual({ poolId: 'us-east-1_Unit00001', foundBy: 'kid' });
    expect(report.rejection?.code).toBe('issuer_mismatch');
    expect(report.checks.filter((check) => check.ok === false).map((check) => check.code)).toEqual(['issuer_mismatch', 'token_expired', 'token_use_mismatch']);
  });

  it('refuses a changed token, another algorithm, an unknown key, a future nbf and garbage', () => {
    const [header, , signature] = token(access()).split('.');
    const changed = `${header}.${Buffer.from(JSON.stringify(access({ scope: 'admin' }))).toString('base64url')}.${signature}`;
    expect(inspectToken(changed, POOLS, NOW).rejection?.code).toBe('invalid_signature');
    expect(inspectToken(token(access(), { kid: 'access-kid', alg: 'HS256' }), POOLS, NOW).rejection?.code).toBe('alg_not_allowed');
    expect(inspectToken(token(access(), { kid: 'nobody', alg: 'RS256' }), POOLS, NOW).rejection?.code).toBe('unknown_kid');
    expect(inspectToken(token(access({ nbf: NOW + 60 })), POOLS, NOW).rejection).toEqual({ code: 'token_not_yet_valid', text: 'not valid for another 1 minute' });
    expect(inspectToken('a.b', POOLS, NOW).rejection?.code).toBe('malformed_token');
    expect(inspectToken(token(access({ exp: 'soon' })), POOLS, NOW).rejection?.code).toBe('malformed_token');
  });

  it('takes an ID token by its aud, and finds no pool for a stranger', () => {
    const id = inspectToken(token({ ...access(), token_use: 'id', aud: 'client1', client_id: undefined }), POOLS, NOW);
    expect(id.rejection).toBeUndefined();
    expect(id.checks.find((check) => check.name === 'aud')?.text).toContain('billing');
    const stranger = inspectToken(token(access({ iss: 'https://elsewhere.test/pool' }), { kid: 'nobody', alg: 'RS256' }), POOLS, NOW);
    expect(stranger.pool).toBeUndefined();
    expect(stranger.rejection?.code).toBe('unknown_kid');
  });

  it('words durations coarsely', () => {
    expect([span(0), span(1), span(59), span(3_600), span(7_300), span(90_000)]).toEqual(['0 seconds', '1 second', '59 seconds', '1 hour', '2 hours', '1 day']);
  });
});
