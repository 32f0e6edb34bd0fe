import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { CODE_CLIENT, ORDERS_CLIENT, POOL_ID, PUBLIC_CLIENT, READER_CLIENT, basicAuth, decodeJwt, requestToken, signingKeys, testFixtures } from '../support/fixtures.js';

// POST /oauth2/token with the client_credentials grant, byte for byte as Cognito answers
// (cognito-reference §1–2, §5).

const NOW_MS = 1_700_000_000_750;
const NOW = 1_700_000_000; // NOW_MS in whole seconds: iat is truncated, not rounded
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CLAIM_ORDER = ['sub', 'token_use', 'scope', 'auth_time', 'iss', 'exp', 'iat', 'version', 'jti', 'client_id'];
const FORM = 'application/x-www-form-urlencoded';

const ORDERS_BASIC = basicAuth(ORDERS_CLIENT.id, ORDERS_CLIENT.secret);

describe('POST /oauth2/token', () => {
  let mock: CognitoMock;
  beforeAll(async () => { mock = await startCognitoMock({ fixtures: testFixtures(), clock: () => NOW_MS }); });
  afterAll(() => mock.stop());

  /** A raw POST, for requests real clients would never build. */
  const post = (body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(mock.tokenEndpoint, { method: 'POST', headers: { 'content-type': FORM, ...headers }, body });

  async function expectError(res: Response, status: number, error: string): Promise<void> {
    expect({ status: res.status, body: await res.json() }).toEqual({ status, body: { error } });
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-store, max-age=0, must-revalidate');
    expect(res.headers.get('pragma')).toBe('no-cache');
  }

  async function tokenOf(res: Response): Promise<{ header: Record<string, unknown>; payload: Record<string, unknown> }> {
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string };
    return decodeJwt(body.access_token);
  }

  describe('success', () => {
    it('answers exactly {access_token, expires_in, token_type: "Bearer"} with Cognito\'s headers', async () => {
      const res = await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
      expect(res.headers.get('cache-control')).toBe('no-cache, no-store, max-age=0, must-revalidate');
      expect(res.headers.get('pragma')).toBe('no-cache');
      expect(res.headers.get('expires')).toBe('0');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('x-amz-cognito-request-id')).toMatch(UUID_V4);
      const body = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['access_token', 'expires_in', 'token_type']);
      expect(body).toEqual({ access_token: expect.stringMatching(/^eyJraWQiOi[\w-]+\.[\w-]+\.[\w-]+$/), expires_in: 3600, token_type: 'Bearer' });
    });

    it('signs with a header of exactly {kid, alg: "RS256"}', async () => {
      const { header } = await tokenOf(await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret }));
      expect(Object.keys(header)).toEqual(['kid', 'alg']);
      expect(header).toEqual({ kid: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/), alg: 'RS256' });
    });

    it('writes Cognito\'s claims in Cognito\'s order, with iat from the clock and a one-hour default validity', async () => {
      const { payload } = await tokenOf(await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret }));
      expect(Object.keys(payload)).toEqual(CLAIM_ORDER);
      expect(payload).toEqual({
        sub: ORDERS_CLIENT.id,
        token_use: 'access',
        scope: 'orders/read orders/write',
        auth_time: NOW,
        iss: `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`,
        exp: NOW + 3600,
        iat: NOW,
        version: 2,
        jti: expect.stringMatching(UUID_V4),
        client_id: ORDERS_CLIENT.id,
      });
    });

    it('uses the client\'s validity in its units (5 minutes → expires_in 300, exp = iat + 300)', async () => {
      const res = await requestToken(mock.tokenEndpoint, { clientId: READER_CLIENT.id, secret: READER_CLIENT.secret });
      const body = (await res.clone().json()) as { expires_in: number };
      const { payload } = await tokenOf(res);
      expect(body.expires_in).toBe(300);
      expect({ iat: payload.iat, exp: payload.exp }).toEqual({ iat: NOW, exp: NOW + 300 });
    });

    it('gives every token a fresh jti', async () => {
      const jtis = new Set<unknown>();
      for (let i = 0; i < 3; i++) {
        const { payload } = await tokenOf(await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret }));
        jtis.add(payload.jti);
      }
      expect(jtis.size).toBe(3);
    });
  });

  describe('client authentication', () => {
    it('accepts client_secret_basic', async () => {
      const { payload } = await tokenOf(await post('grant_type=client_credentials', { authorization: ORDERS_BASIC }));
      expect(payload.client_id).toBe(ORDERS_CLIENT.id);
    });

    it('accepts client_secret_post', async () => {
      const res = await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret, auth: 'post' });
      expect((await tokenOf(res)).payload.client_id).toBe(ORDERS_CLIENT.id);
    });

    it('accepts a Basic header together with a body client_id of the same client, as in Cognito\'s own examples', async () => {
      const res = await post(`grant_type=client_credentials&client_id=${ORDERS_CLIENT.id}`, { authorization: ORDERS_BASIC });
      expect((await tokenOf(res)).payload.client_id).toBe(ORDERS_CLIENT.id);
    });

    it('accepts a Basic header whose id and secret are form-encoded first (RFC 6749 §2.3.1, as openid-client sends them)', async () => {
      const encoded = basicAuth(encodeURIComponent(ORDERS_CLIENT.id), encodeURIComponent(ORDERS_CLIENT.secret));
      expect((await tokenOf(await post('grant_type=client_credentials', { authorization: encoded }))).payload.client_id).toBe(ORDERS_CLIENT.id);
    });

    it('answers 400 invalid_client when the body client_id names a different client than the Basic header', async () => {
      await expectError(await post(`grant_type=client_credentials&client_id=${READER_CLIENT.id}`, { authorization: ORDERS_BASIC }), 400, 'invalid_client');
    });

    it('answers 400 invalid_client when a body client_secret differs from the Basic header\'s', async () => {
      await expectError(await post(`grant_type=client_credentials&client_secret=${READER_CLIENT.secret}`, { authorization: ORDERS_BASIC }), 400, 'invalid_client');
    });

    it('answers 400 invalid_client when the client is unknown', async () => {
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: '7unknown0client0id0000000a', secret: ORDERS_CLIENT.secret }), 400, 'invalid_client');
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: '7unknown0client0id0000000a', secret: ORDERS_CLIENT.secret, auth: 'post' }), 400, 'invalid_client');
    });

    it('answers 400 invalid_client when the secret does not match (Basic and post)', async () => {
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: READER_CLIENT.secret }), 400, 'invalid_client');
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: `${ORDERS_CLIENT.secret}x`, auth: 'post' }), 400, 'invalid_client');
    });

    it('answers 400 invalid_client when the client has a secret and none is sent', async () => {
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, auth: 'post' }), 400, 'invalid_client');
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: '' }), 400, 'invalid_client');
    });

    it('answers 400 invalid_client when no client is named at all', async () => {
      await expectError(await post('grant_type=client_credentials'), 400, 'invalid_client');
    });

    it.each([
      ['not Base64', 'Basic !!!not-base64!!!'],
      ['no colon', `Basic ${Buffer.from('just-an-id').toString('base64')}`],
      ['an empty client id', basicAuth('', ORDERS_CLIENT.secret)],
      ['no credentials', 'Basic'],
      ['another scheme', `Bearer ${ORDERS_CLIENT.secret}`],
    ])('answers 400 invalid_request for a malformed Basic header (%s)', async (_case, authorization) => {
      await expectError(await post('grant_type=client_credentials', { authorization }), 400, 'invalid_request');
    });
  });

  describe('grants and clients', () => {
    it('answers 400 invalid_request when grant_type is missing', async () => {
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret, grantType: null }), 400, 'invalid_request');
    });

    it('answers 400 unsupported_grant_type for the password grant', async () => {
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret, grantType: 'password' }), 400, 'unsupported_grant_type');
    });

    it('answers 400 unauthorized_client for a public client (no secret), by Basic or post', async () => {
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: PUBLIC_CLIENT.id, auth: 'post' }), 400, 'unauthorized_client');
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: PUBLIC_CLIENT.id, secret: '' }), 400, 'unauthorized_client');
    });

    it('answers 400 invalid_client when a secret is sent for a client that has none', async () => {
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: PUBLIC_CLIENT.id, secret: ORDERS_CLIENT.secret }), 400, 'invalid_client');
    });

    it('answers 400 unauthorized_client for a client without the client_credentials flow', async () => {
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: CODE_CLIENT.id, secret: CODE_CLIENT.secret }), 400, 'unauthorized_client');
    });

    it('answers 400 invalid_client for a bad client with a bad grant: client authentication comes first', async () => {
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: 'wrong-secret', grantType: 'password' }), 400, 'invalid_client');
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: '7unknown0client0id0000000a', secret: 'x', grantType: null }), 400, 'invalid_client');
    });

    it('answers 400 unauthorized_client for authorization_code from a client without the code flow', async () => {
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret, grantType: 'authorization_code', extra: { code: 'abc' } }), 400, 'unauthorized_client');
    });

    it('answers 400 invalid_grant for an authorization code, since the mock issues none', async () => {
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: CODE_CLIENT.id, secret: CODE_CLIENT.secret, grantType: 'authorization_code', extra: { code: 'abc', redirect_uri: 'https://app.example.com/callback' } }), 400, 'invalid_grant');
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: CODE_CLIENT.id, secret: CODE_CLIENT.secret, grantType: 'authorization_code' }), 400, 'invalid_request');
    });
  });

  describe('scope', () => {
    const scopeOf = async (clientId: string, secret: string, scope?: string): Promise<unknown> =>
      (await tokenOf(await requestToken(mock.tokenEndpoint, { clientId, secret, ...(scope === undefined ? {} : { scope }) }))).payload.scope;

    it('grants every allowed scope, in the client\'s configured order, when scope is omitted or empty', async () => {
      expect(await scopeOf(ORDERS_CLIENT.id, ORDERS_CLIENT.secret)).toBe('orders/read orders/write');
      expect(await scopeOf(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, '')).toBe('orders/read orders/write');
      expect(await scopeOf(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, ' ')).toBe('orders/read orders/write');
    });

    it('grants a requested subset in request order, each scope once', async () => {
      expect(await scopeOf(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, 'orders/write')).toBe('orders/write');
      expect(await scopeOf(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, 'orders/write orders/read')).toBe('orders/write orders/read');
      expect(await scopeOf(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, 'orders/read  orders/read')).toBe('orders/read');
    });

    it.each([
      ['a scope of the pool the client is not allowed', READER_CLIENT, 'orders/write'],
      ['a scope no resource server defines', ORDERS_CLIENT, 'orders/delete'],
      ['an allowed scope next to one that is not', READER_CLIENT, 'orders/read orders/write'],
      ['an OIDC scope (M2M tokens carry custom scopes only)', ORDERS_CLIENT, 'openid'],
    ])('answers 400 invalid_scope for %s', async (_case, client, scope) => {
      await expectError(await requestToken(mock.tokenEndpoint, { clientId: client.id, secret: client.secret, scope }), 400, 'invalid_scope');
    });
  });

  describe('malformed requests', () => {
    it('answers 400 invalid_request for a JSON body', async () => {
      const res = await post(JSON.stringify({ grant_type: 'client_credentials' }), { 'content-type': 'application/json', authorization: ORDERS_BASIC });
      await expectError(res, 400, 'invalid_request');
    });

    it('answers 400 invalid_request without a Content-Type, or with a non-UTF-8 charset', async () => {
      const bare = await fetch(mock.tokenEndpoint, { method: 'POST', headers: { authorization: ORDERS_BASIC }, body: new TextEncoder().encode('grant_type=client_credentials') });
      await expectError(bare, 400, 'invalid_request');
      await expectError(await post('grant_type=client_credentials', { 'content-type': `${FORM}; charset=ISO-8859-1`, authorization: ORDERS_BASIC }), 400, 'invalid_request');
    });

    it('accepts the form content type with a UTF-8 charset and in any case', async () => {
      await tokenOf(await post('grant_type=client_credentials', { 'content-type': `${FORM};charset=UTF-8`, authorization: ORDERS_BASIC }));
      await tokenOf(await post('grant_type=client_credentials', { 'content-type': 'Application/X-WWW-Form-URLEncoded', authorization: ORDERS_BASIC }));
    });

    it.each([
      ['grant_type', 'grant_type=client_credentials&grant_type=client_credentials'],
      ['scope', 'grant_type=client_credentials&scope=orders%2Fread&scope=orders%2Fread'],
      ['client_id', `grant_type=client_credentials&client_id=${ORDERS_CLIENT.id}&client_id=${ORDERS_CLIENT.id}`],
    ])('answers 400 invalid_request for a repeated %s parameter', async (_name, body) => {
      await expectError(await post(body, { authorization: ORDERS_BASIC }), 400, 'invalid_request');
    });

    it.each([
      ['a truncated escape', 'grant_type=client_credentials&scope=orders%2'],
      ['a non-hex escape', 'grant_type=client_credentials&scope=%ZZ'],
      ['an escape that is not UTF-8', 'grant_type=client_credentials&scope=%FF'],
    ])('answers 400 invalid_request for bad percent-encoding (%s)', async (_case, body) => {
      await expectError(await post(body, { authorization: ORDERS_BASIC }), 400, 'invalid_request');
    });

    it('answers 400 invalid_request for body bytes that are not UTF-8', async () => {
      const body = Buffer.concat([Buffer.from('grant_type=client_credentials&scope='), Buffer.from([0xc3, 0x28])]);
      await expectError(await post(body, { authorization: ORDERS_BASIC }), 400, 'invalid_request');
    });

    it('answers 413 {"error":"invalid_request"} for a body over 64 KiB', async () => {
      const body = `grant_type=client_credentials&aws_client_metadata=${'a'.repeat(64 * 1024)}`;
      await expectError(await post(body, { authorization: ORDERS_BASIC }), 413, 'invalid_request');
    });

    it('accepts a body just under the limit', async () => {
      const prefix = 'grant_type=client_credentials&aws_client_metadata=';
      await tokenOf(await post(`${prefix}${'a'.repeat(64 * 1024 - prefix.length)}`, { authorization: ORDERS_BASIC }));
    });

    it.each(['GET', 'PUT', 'DELETE'])('answers 405 to %s, allowing POST', async (method) => {
      const res = await fetch(mock.tokenEndpoint, { method });
      expect(res.headers.get('allow')).toBe('POST');
      await expectError(res, 405, 'invalid_request');
    });

    it('never answers 500 or leaks a stack, whatever the form', async () => {
      const formChars = fc.constantFrom(...'abcdefgrant_ypescoliu=&%+/ 0123456789ABCDEF'.split(''), 'grant_type=', 'client_credentials', '%C3', '%28', '%FF');
      await fc.assert(fc.asyncProperty(fc.array(formChars, { maxLength: 40 }).map((parts) => parts.join('')), fc.boolean(), async (body, withBasic) => {
        const res = await post(body, withBasic ? { authorization: ORDERS_BASIC } : {});
        const json = (await res.json()) as Record<string, unknown>;
        if (res.status === 200) expect(Object.keys(json)).toEqual(['access_token', 'expires_in', 'token_type']);
        else expect({ status: res.status, keys: Object.keys(json) }).toEqual({ status: 400, keys: ['error'] });
      }), { numRuns: 150 });
    });
  });
});

describe('POST /oauth2/token, access-token validity (reference §5)', () => {
  const secret = 'validity0secret0for0tests0only0000000000000000000000';
  const client = (ClientId: string, validity: Record<string, unknown>) => ({
    ClientId, ClientName: ClientId, ClientSecret: secret, AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'], ...validity,
  });
  let mock: CognitoMock;
  beforeAll(async () => {
    mock = await startCognitoMock({
      clock: () => NOW_MS,
      fixtures: {
        UserPools: [{
          Id: 'us-west-2_Validity1', Name: 'validity', SigningKeys: signingKeys(2),
          ResourceServers: [{ Identifier: 'orders', Name: 'Orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] }],
          UserPoolClients: [
            client('unitonly', { TokenValidityUnits: { AccessToken: 'minutes' } }),
            client('hoursdefault', { AccessTokenValidity: 2 }),
            client('seconds', { AccessTokenValidity: 600, TokenValidityUnits: { AccessToken: 'seconds' } }),
            client('oneday', { AccessTokenValidity: 1, TokenValidityUnits: { AccessToken: 'days' } }),
          ],
        }],
      },
    });
  });
  afterAll(() => mock.stop());

  it.each([
    ['a unit without a value keeps the one-hour default', 'unitonly', 3600],
    ['a value without a unit is in hours', 'hoursdefault', 7200],
    ['seconds', 'seconds', 600],
    ['days', 'oneday', 86400],
  ])('sets expires_in and exp - iat from the client (%s)', async (_case, clientId, seconds) => {
    const res = await requestToken(mock.tokenEndpoint, { clientId, secret });
    const body = (await res.json()) as { access_token: string; expires_in: number };
    const { payload } = decodeJwt(body.access_token);
    expect({ expires_in: body.expires_in, iat: payload.iat, exp: payload.exp }).toEqual({ expires_in: seconds, iat: NOW, exp: NOW + seconds });
  });
});
