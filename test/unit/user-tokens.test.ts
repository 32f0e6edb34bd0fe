import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { describe, expect, it } from 'vitest';
import { loadSigningKey } from '../../src/keys/signing-key.js';
import { accessTokenClaims } from '../../src/tokens/access-token.js';
import { signJwt } from '../../src/tokens/jwt-signer.js';
import { inCognitoOrder } from '../../src/tokens/claim-order.js';
import { type IdTokenInput, idTokenClaims } from '../../src/tokens/id-token.js';
import { REFRESH_TOKEN_HEADER, newRefreshToken, readRefreshToken } from '../../src/tokens/refresh-token.js';
import { type UserSubject, userAccessClaims } from '../../src/tokens/user-access-token.js';
import { POOL_ID, decodeJwt, signingKeys } from '../support/fixtures.js';

// Tokens issued to users (cognito-reference-users §5): claims, their order, groups, attributes,
// signatures aws-jwt-verify accepts, and the refresh token's shape.

const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`;
const CLIENT_ID = '5example0client0users0id5';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const EVENT_ID = '1e9a6c0d-4444-4c4c-9d9d-555555555555';
const ID_INPUT: IdTokenInput = {
  sub: '6b1f2a9e-1c1d-4b7e-9a53-1f0c2d3e4f50', username: 'a68c740a-8385-42d7-b8fb-ea5496094942', clientId: CLIENT_ID,
  issuer: ISSUER, authTime: 1_700_000_000, iat: 1_700_000_001, expiresIn: 3600,
  originJti: '0d8f5b9c-2222-4a4a-8b8b-333333333333', eventId: EVENT_ID,
  attributes: [{ Name: 'email', Value: 'jane@example.com' }, { Name: 'email_verified', Value: 'true' }],
};

const USER: UserSubject = {
  kind: 'user', sub: ID_INPUT.sub, username: ID_INPUT.username, flow: 'api', authTime: ID_INPUT.authTime,
  originJti: ID_INPUT.originJti, eventId: EVENT_ID,
};
const ACCESS_INPUT = { subject: USER, clientId: CLIENT_ID, scopes: [], issuer: ISSUER, iat: 1_700_000_001, expiresIn: 3600 };

/**
 * The insertion order the builders use (group and role claims, `sub` and the verified flags, the
 * fixed claims, then the other attributes); the real tokens' orders (§5.2 table) must follow from it
 * by the HashMap rule alone. Each constraint comes from a sample: email_verified before event_id
 * (2017), jti before client_id (2018, M2M), iat before version (M2M), jti before email (2022).
 */
const INSERTION = ['cognito:groups', 'cognito:roles', 'cognito:preferred_role', 'at_hash', 'sub', 'email_verified', 'phone_number_verified',
  'device_key', 'iss', 'cognito:username', 'nonce', 'origin_jti', 'aud', 'identities', 'event_id', 'token_use', 'scope', 'auth_time', 'exp', 'iat',
  'version', 'jti', 'client_id', 'username'];
const inserted = (observed: string[]): Record<string, unknown> => {
  const rank = (name: string) => (INSERTION.includes(name) ? INSERTION.indexOf(name) : INSERTION.length + observed.indexOf(name));
  return Object.fromEntries([...observed].sort((a, b) => rank(a) - rank(b)).map((name) => [name, 0]));
};

describe('inCognitoOrder', () => {
  // Every sample of §5.2 but the two 2020 12-claim tokens, which fit the older capacity (§9 Q2).
  it.each<[string, string]>([
    ['2017 API ID', 'sub, aud, email_verified, event_id, token_use, auth_time, iss, cognito:username, exp, iat, email'],
    ['2018 API access', 'sub, event_id, token_use, scope, auth_time, iss, exp, iat, jti, client_id, username'],
    ['2019 hosted ID (Facebook)', 'at_hash, sub, cognito:groups, iss, cognito:username, nonce, aud, identities, token_use, auth_time, exp, iat, email'],
    ['2021 hosted ID with roles', 'at_hash, sub, cognito:groups, email_verified, iss, cognito:username, given_name, cognito:roles, aud, event_id, token_use, auth_time, exp, iat, family_name, email'],
    ['2022 hosted ID with phone', 'at_hash, sub, cognito:groups, email_verified, iss, phone_number_verified, cognito:username, origin_jti, aud, token_use, auth_time, phone_number, exp, iat, jti, email'],
    ['2022 API access', 'sub, iss, client_id, origin_jti, event_id, token_use, scope, auth_time, exp, iat, jti, username'],
    ['2022 API ID', 'sub, email_verified, iss, cognito:username, origin_jti, aud, event_id, token_use, auth_time, exp, iat, jti, email'],
    ['2023 hosted ID', 'at_hash, sub, email_verified, iss, cognito:username, origin_jti, aud, token_use, auth_time, exp, iat, jti, email'],
    ['2025 hosted access', 'sub, iss, version, client_id, origin_jti, token_use, scope, auth_time, exp, iat, jti, username'],
    ['M2M access', 'sub, token_use, scope, auth_time, iss, exp, iat, version, jti, client_id'],
  ])('reproduces the %s sample', (_sample, order) => {
    const observed = order.split(', ');
    expect(Object.keys(inCognitoOrder(inserted(observed)))).toEqual(observed);
  });

  it('keeps insertion order inside a bucket', () => {
    // scope and auth_time share a bucket in every capacity seen (§5.2).
    expect(Object.keys(inCognitoOrder({ auth_time: 1, scope: 'x' }))).toEqual(['auth_time', 'scope']);
    expect(Object.keys(inCognitoOrder({ scope: 'x', auth_time: 1 }))).toEqual(['scope', 'auth_time']);
  });
});

describe('idTokenClaims', () => {
  it('writes an API-flow ID token as Cognito does (2022–2024 samples)', () => {
    const claims = idTokenClaims(ID_INPUT);
    expect(Object.keys(claims)).toEqual(['sub', 'email_verified', 'iss', 'cognito:username', 'origin_jti', 'aud', 'event_id', 'token_use', 'auth_time', 'exp', 'iat', 'jti', 'email']);
    expect(claims).toEqual({
      sub: ID_INPUT.sub, email_verified: true, iss: ISSUER, 'cognito:username': ID_INPUT.username, origin_jti: ID_INPUT.originJti,
      aud: CLIENT_ID, event_id: ID_INPUT.eventId, token_use: 'id', auth_time: 1_700_000_000, exp: 1_700_003_601, iat: 1_700_000_001,
      jti: expect.stringMatching(UUID), email: 'jane@example.com',
    });
  });

  it('writes a managed-login ID token with groups and a phone as Cognito does (2022 sample)', () => {
    const { eventId: _none, ...hosted } = ID_INPUT;
    const claims = idTokenClaims({
      ...hosted, atHash: 'x4Zbm1HFJ9ehgTvoK3bHag', groups: [{ name: 'readers', precedence: 2 }],
      attributes: [{ Name: 'email_verified', Value: 'false' }, { Name: 'phone_number_verified', Value: 'true' },
        { Name: 'phone_number', Value: '+15555550100' }, { Name: 'email', Value: 'jane@example.com' }],
    });
    expect(Object.keys(claims)).toEqual(['at_hash', 'sub', 'cognito:groups', 'email_verified', 'iss', 'phone_number_verified', 'cognito:username',
      'origin_jti', 'aud', 'token_use', 'auth_time', 'phone_number', 'exp', 'iat', 'jti', 'email']);
    expect(claims).toMatchObject({ email_verified: false, phone_number_verified: true, phone_number: '+15555550100', 'cognito:groups': ['readers'] });
  });

  it('orders groups by precedence, groups without one last, ties by name', () => {
    const claims = idTokenClaims({
      ...ID_INPUT,
      groups: [{ name: 'zeta' }, { name: 'beta', precedence: 5 }, { name: 'alpha' }, { name: 'gamma', precedence: 1 }, { name: 'delta', precedence: 5 }],
    });
    expect(claims['cognito:groups']).toEqual(['gamma', 'beta', 'delta', 'alpha', 'zeta']);
  });

  it('lists the groups\' roles and the preferred role of the lowest precedence', () => {
    const claims = idTokenClaims({
      ...ID_INPUT,
      groups: [{ name: 'none', precedence: 0 }, { name: 'b', precedence: 3, roleArn: 'arn:aws:iam::123456789012:role/b' },
        { name: 'a', precedence: 1, roleArn: 'arn:aws:iam::123456789012:role/a' }],
    });
    expect(claims).toMatchObject({
      'cognito:groups': ['none', 'a', 'b'],
      'cognito:roles': ['arn:aws:iam::123456789012:role/a', 'arn:aws:iam::123456789012:role/b'],
      'cognito:preferred_role': 'arn:aws:iam::123456789012:role/a',
    });
  });

  it('sets no preferred role when the lowest precedence is shared by different roles', () => {
    const claims = idTokenClaims({
      ...ID_INPUT,
      groups: [{ name: 'a', precedence: 1, roleArn: 'arn:aws:iam::123456789012:role/a' }, { name: 'b', precedence: 1, roleArn: 'arn:aws:iam::123456789012:role/b' }],
    });
    expect(claims['cognito:roles']).toHaveLength(2);
    expect(claims).not.toHaveProperty('cognito:preferred_role');
  });

  it('has no group or role claims for a user without groups', () => {
    const claims = idTokenClaims(ID_INPUT);
    expect(Object.keys(claims).filter((name) => name.startsWith('cognito:') && name !== 'cognito:username')).toEqual([]);
  });

  it('writes custom attributes as strings, updated_at as a number, address as an object', () => {
    const claims = idTokenClaims({
      ...ID_INPUT,
      attributes: [{ Name: 'custom:tenant', Value: 'acme' }, { Name: 'custom:level', Value: '7' }, { Name: 'updated_at', Value: '1700000000' },
        { Name: 'address', Value: '1 Main St' }, { Name: 'given_name', Value: 'Jane' }],
    });
    expect(claims).toMatchObject({ 'custom:tenant': 'acme', 'custom:level': '7', updated_at: 1_700_000_000, address: { formatted: '1 Main St' }, given_name: 'Jane' });
  });

  it('does not let an attribute replace a fixed claim', () => {
    const claims = idTokenClaims({ ...ID_INPUT, attributes: [{ Name: 'sub', Value: 'forged' }, { Name: 'aud', Value: 'forged' }, { Name: 'token_use', Value: 'access' }] });
    expect(claims).toMatchObject({ sub: ID_INPUT.sub, aud: CLIENT_ID, token_use: 'id' });
  });
});

describe('user access token claims', () => {
  it('writes an API-flow access token as Cognito does (2022–2023 samples), through accessTokenClaims', () => {
    const claims = accessTokenClaims(ACCESS_INPUT);
    expect(Object.keys(claims)).toEqual(['sub', 'iss', 'client_id', 'origin_jti', 'event_id', 'token_use', 'scope', 'auth_time', 'exp', 'iat', 'jti', 'username']);
    expect(claims).toEqual({
      sub: USER.sub, iss: ISSUER, client_id: CLIENT_ID, origin_jti: USER.originJti, event_id: USER.eventId, token_use: 'access',
      scope: 'aws.cognito.signin.user.admin', auth_time: 1_700_000_000, exp: 1_700_003_601, iat: 1_700_000_001, jti: expect.stringMatching(UUID),
      username: USER.username,
    });
  });

  it('writes a managed-login access token with version 2, the granted scopes and no event_id (2025 sample)', () => {
    const claims = userAccessClaims({ ...ACCESS_INPUT, subject: { ...USER, flow: 'hosted' }, scopes: ['openid', 'email'] });
    expect(Object.keys(claims)).toEqual(['sub', 'iss', 'version', 'client_id', 'origin_jti', 'token_use', 'scope', 'auth_time', 'exp', 'iat', 'jti', 'username']);
    expect(claims).toMatchObject({ version: 2, scope: 'openid email' });
  });

  it('puts groups where the HashMap rule predicts, ordered by precedence', () => {
    const claims = userAccessClaims({ ...ACCESS_INPUT, subject: { ...USER, groups: [{ name: 'b', precedence: 2 }, { name: 'a', precedence: 1, roleArn: 'arn:aws:iam::1:role/a' }] } });
    expect(Object.keys(claims)).toEqual(['sub', 'cognito:groups', 'iss', 'client_id', 'origin_jti', 'event_id', 'token_use', 'scope', 'auth_time', 'exp', 'iat', 'jti', 'username']);
    expect(claims['cognito:groups']).toEqual(['a', 'b']);
    expect(claims).not.toHaveProperty('cognito:roles');
  });
});

describe('user tokens and aws-jwt-verify', () => {
  const idKey = loadSigningKey({ privateKeyPem: signingKeys(0).IdToken });
  const accessKey = loadSigningKey({ privateKeyPem: signingKeys(0).AccessToken });
  const now = Math.floor(Date.now() / 1000);
  const idToken = signJwt(idKey, idTokenClaims({ ...ID_INPUT, authTime: now, iat: now, groups: [{ name: 'admins', precedence: 1 }, { name: 'staff' }] }));
  const accessToken = signJwt(accessKey, accessTokenClaims({ ...ACCESS_INPUT, subject: { ...USER, authTime: now, groups: [{ name: 'admins' }] }, iat: now }));
  const verifier = (groups: string) => {
    const v = CognitoJwtVerifier.create({ userPoolId: POOL_ID, tokenUse: 'id', clientId: CLIENT_ID, groups });
    v.cacheJwks({ keys: [{ ...idKey.publicJwk }, { ...accessKey.publicJwk }] });
    return v;
  };

  it('signs ID tokens with the pool\'s ID-token key, in Cognito\'s header', () => {
    expect(decodeJwt(idToken).header).toEqual({ kid: idKey.kid, alg: 'RS256' });
    expect(idKey.kid).not.toBe(accessKey.kid);
  });

  it('accepts an ID token for one of the user\'s groups', async () => {
    await expect(verifier('staff').verify(idToken)).resolves.toMatchObject({ sub: ID_INPUT.sub, 'cognito:groups': ['admins', 'staff'] });
  });

  it('rejects the ID token for a group the user is not in', async () => {
    await expect(verifier('auditors').verify(idToken)).rejects.toThrow(/Cognito group not allowed/);
  });

  it('rejects an access token where an ID token is expected', async () => {
    await expect(verifier('admins').verify(accessToken)).rejects.toThrow(/Token use not allowed/);
  });

  it('accepts the user access token as an access token of the client', async () => {
    const v = CognitoJwtVerifier.create({ userPoolId: POOL_ID, tokenUse: 'access', clientId: CLIENT_ID, scope: 'aws.cognito.signin.user.admin', groups: 'admins' });
    v.cacheJwks({ keys: [{ ...idKey.publicJwk }, { ...accessKey.publicJwk }] });
    await expect(v.verify(accessToken)).resolves.toMatchObject({ username: USER.username });
  });
});

describe('refresh tokens', () => {
  const SESSION = '0f8b2c1e-5d4a-4c3b-9a2f-1e0d9c8b7a65';

  it('have the shape of Cognito\'s: five base64url parts, its fixed header, its part sizes', () => {
    const { token } = newRefreshToken(SESSION);
    const parts = token.split('.');
    expect(parts).toHaveLength(5);
    expect(JSON.parse(Buffer.from(parts[0]!, 'base64url').toString())).toEqual({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' });
    expect(parts[0]).toBe(REFRESH_TOKEN_HEADER);
    expect(parts.map((part) => part.length)).toEqual([62, 342, 16, 1284, 22]);
    expect(parts.slice(1).map((part) => Buffer.from(part, 'base64url').length)).toEqual([256, 12, 963, 16]);
  });

  it('name their session and are recognised by their hash, and each is new', () => {
    const first = newRefreshToken(SESSION);
    const second = newRefreshToken(SESSION);
    expect(readRefreshToken(first.token)).toEqual({ sessionId: SESSION, hash: first.hash });
    expect(second.token).not.toBe(first.token);
    expect(second.hash).not.toBe(first.hash);
    expect(first.hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The hash is not the token: a store that keeps hashes keeps no usable token.
    expect(first.token).not.toContain(first.hash);
  });

  it('take only a UUID as their session id', () => {
    expect(() => newRefreshToken('not-a-uuid')).toThrow(TypeError);
  });

  it.each<[string, (token: string) => string]>([
    ['not five parts', (t) => t.split('.').slice(0, 4).join('.')],
    ['another header', (t) => `eyJhbGciOiJSUzI1NiJ9${t.slice(REFRESH_TOKEN_HEADER.length)}`],
    ['a part too short', (t) => t.replace(/\.[^.]+$/, '.AAAA')],
    ['not base64url', (t) => t.replace(/\.[^.]{4}/, '.+/+/')],
    ['an access token', () => 'eyJraWQiOiJrIiwiYWxnIjoiUlMyNTYifQ.e30.c2ln'],
    ['empty', () => ''],
  ])('are refused when %s', (_case, change) => {
    expect(readRefreshToken(change(newRefreshToken(SESSION).token))).toBeUndefined();
  });
});
