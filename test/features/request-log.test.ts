import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/index.js';
import { type CognitoMock, type RequestLogEntry, startCognitoMock } from '../../src/testing/index.js';
import { startCli, useBuiltCli } from '../support/cli-process.js';
import { CODE_CLIENT, ORDERS_CLIENT, POOL_ID, PUBLIC_CLIENT, READER_CLIENT, requestToken, testFixtures, writeFixtureFile } from '../support/fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// The request log (README "Request log"): the wire answers stay Cognito's bare codes, while the
// log says why, one entry per request, in the testing API and as lines on stderr.

let mock: CognitoMock;
beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: testFixtures() });
});
afterAll(() => mock.stop());

const last = (): RequestLogEntry => mock.requests(1)[0]!;

describe('the reasons of token refusals', () => {
  it('names a wrong secret, with the client and its pool, while the answer stays invalid_client', async () => {
    const res = await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: 'not-the-secret' });
    expect(await res.json()).toEqual({ error: 'invalid_client' });
    expect(last()).toMatchObject({
      method: 'POST', path: '/oauth2/token', status: 400, operation: 'client_credentials', error: 'invalid_client',
      reason: `the secret does not match client ${ORDERS_CLIENT.id} (pool ${POOL_ID})`,
    });
    expect(JSON.stringify(mock.requests())).not.toContain('not-the-secret');
  });

  it('names an unknown client, a client without the grant and a scope the client may not have', async () => {
    await requestToken(mock.tokenEndpoint, { clientId: 'no-such-client', secret: 'x' });
    expect(last()).toMatchObject({ error: 'invalid_client', reason: 'no app client no-such-client in any user pool' });

    await requestToken(mock.tokenEndpoint, { clientId: CODE_CLIENT.id, secret: CODE_CLIENT.secret });
    expect(last()).toMatchObject({ error: 'unauthorized_client', clientId: CODE_CLIENT.id, poolId: POOL_ID,
      reason: `client ${CODE_CLIENT.id} does not allow the client_credentials grant (it needs AllowedOAuthFlowsUserPoolClient, client_credentials in AllowedOAuthFlows, and a secret)` });

    await requestToken(mock.tokenEndpoint, { clientId: READER_CLIENT.id, secret: READER_CLIENT.secret, scope: 'orders/write' });
    expect(last()).toMatchObject({ error: 'invalid_scope', reason: 'scope orders/write is not allowed for this client' });
  });

  it('logs a success with its grant, client and pool, and no reason', async () => {
    const res = await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
    const { access_token: token } = await res.json() as { access_token: string };
    const entry = last();
    expect(entry).toMatchObject({ status: 200, operation: 'client_credentials', clientId: ORDERS_CLIENT.id, poolId: POOL_ID });
    expect(entry).not.toHaveProperty('error');
    expect(JSON.stringify(entry)).not.toContain(token);
  });
});

describe('the reasons of other refusals', () => {
  it('keeps the AWS API\'s exception and message, with the operation', async () => {
    await fetch(mock.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body: JSON.stringify({ ClientId: PUBLIC_CLIENT.id, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'nobody', PASSWORD: 'Secret-Pass-1' } }) });
    expect(last()).toMatchObject({ path: '/', operation: 'InitiateAuth', clientId: PUBLIC_CLIENT.id, poolId: POOL_ID, status: 400 });
    expect(last().error).toMatch(/Exception$/);
    expect(JSON.stringify(last())).not.toContain('Secret-Pass-1');
  });

  it('says which redirect URI the managed login refused, and keeps no query (codes, state) in the path', async () => {
    await fetch(`${mock.url}/oauth2/authorize?response_type=code&client_id=${CODE_CLIENT.id}&redirect_uri=https://app.example.com/callback/`, { redirect: 'manual' });
    expect(last()).toMatchObject({ path: '/oauth2/authorize', operation: 'authorize', status: 302, error: 'redirect_mismatch',
      reason: 'https://app.example.com/callback/ is not one of the client\'s CallbackURLs' });
  });

  it('answers an unknown path with its reason', async () => {
    await fetch(`${mock.url}/nothing-here?code=abc`);
    expect(last()).toMatchObject({ path: '/nothing-here', status: 404, error: '404', reason: 'No route for GET /nothing-here' });
  });
});

describe('lines of the request log', () => {
  it('prints refusals only at warn, as text with the reason, and every request as JSON lines at info', async () => {
    const text: string[] = [];
    const json: string[] = [];
    const warn = await startServer({ fixtures: testFixtures(), logLevel: 'warn', logFormat: 'text', logWrite: (chunk) => text.push(chunk) });
    const info = await startServer({ fixtures: testFixtures(), logLevel: 'info', logFormat: 'json', logWrite: (chunk) => json.push(chunk) });
    try {
      await requestToken(`${warn.url}/oauth2/token`, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
      await requestToken(`${warn.url}/oauth2/token`, { clientId: ORDERS_CLIENT.id, secret: 'wrong' });
      await requestToken(`${info.url}/oauth2/token`, { clientId: READER_CLIENT.id, secret: READER_CLIENT.secret });
      await new Promise((resolve) => setImmediate(resolve));
      const textLines = text.join('').split('\n').filter((line) => line !== '');
      expect(textLines).toHaveLength(1);
      expect(textLines[0]).toMatch(new RegExp(`^\\S+Z POST /oauth2/token client_credentials client=${ORDERS_CLIENT.id} pool=${POOL_ID} 400 invalid_client: the secret does not match client ${ORDERS_CLIENT.id} \\(pool ${POOL_ID}\\) [0-9.]+ ms$`));
      expect(json.join('').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
        expect.objectContaining({ method: 'POST', path: '/oauth2/token', status: 200, clientId: READER_CLIENT.id, operation: 'client_credentials' }),
      ]);
    } finally {
      await Promise.all([warn.close(), info.close()]);
    }
  });

  it('cannot be made to print a second line by a control character in the path', async () => {
    const text: string[] = [];
    const server = await startServer({ fixtures: testFixtures(), logLevel: 'info', logWrite: (chunk) => text.push(chunk) });
    try {
      await fetch(`${server.url}/a%0Afake-line`);
      await new Promise((resolve) => setImmediate(resolve));
      expect(text.join('').split('\n').filter((line) => line !== '')).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe('the CLI', () => {
  useBuiltCli();
  const tmp = useTempDir('request-log-cli');
  it('prints a line per request by default, with the reason of a refusal, and none with --log-level silent', async () => {
    const fixtures = await writeFixtureFile(tmp.path);
    const cli = await startCli(['--port', '0', '--in-memory', '--fixtures', fixtures]);
    await requestToken(`${cli.url}/oauth2/token`, { clientId: ORDERS_CLIENT.id, secret: 'wrong-secret' });
    await expect.poll(() => cli.stderr()).toContain(`400 invalid_client: the secret does not match client ${ORDERS_CLIENT.id} (pool ${POOL_ID})`);
    expect(cli.stderr()).not.toContain('wrong-secret');
    await cli.stop();
    const silent = await startCli(['--port', '0', '--in-memory', '--fixtures', fixtures, '--log-level', 'silent']);
    await requestToken(`${silent.url}/oauth2/token`, { clientId: ORDERS_CLIENT.id, secret: 'wrong-secret' });
    await fetch(`${silent.url}/health`);
    expect(silent.stderr()).not.toContain('/oauth2/token');
    await silent.stop();
  });
});
