import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DescribeUserPoolCommand, GetClientTokenCommand, UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CognitoMock, type PreTokenGenerationHandler, startCognitoMock } from '../../src/testing/index.js';
import { createAccessTokenVerifier } from '../../src/verifier/index.js';
import { ORDERS_CLIENT, POOL_ID, decodeJwt, testFixtures } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';
import { accessToken, awsVerifierOnMock, tokenResponse } from './support/aws-verifier.js';
import { useTempDir } from '../support/temp-dir.js';

// The V3 pre token generation trigger for client credentials (cognito-reference §7): a module on
// disk named by a fixture's relative file: URL, by the API with an absolute one, or a function
// given to the testing API.

const TRIGGER_POOL = 'us-east-1_Trigger01';
const M2M = { id: '6trigger0client0m2m0000id6', secret: 'trigger0secret0for0tests0only000000000000000000000006' };
const API_CLIENT = { id: '7trigger0client0api00000id7', secret: 'apitoken0secret0for0tests0only00000000000000000000007' };
const FIXTURES = fileURLToPath(new URL('triggers/fixtures.json', import.meta.url));
const TRIGGERS_DIR = fileURLToPath(new URL('triggers/', import.meta.url));
const moduleUrl = (name: string): string => new URL(`triggers/${name}`, import.meta.url).href;

describe('a trigger module named by a fixture (relative file: URL)', () => {
  let mock: CognitoMock;
  beforeAll(async () => { mock = await startCognitoMock({ fixtures: FIXTURES }); });
  afterAll(() => mock.stop());

  it('stores the URL resolved against the fixture file, and DescribeUserPool shows it', async () => {
    const { UserPool } = await managementClient(mock.url).send(new DescribeUserPoolCommand({ UserPoolId: TRIGGER_POOL }));
    const url = moduleUrl('customize.mjs');
    expect(UserPool!.LambdaConfig).toEqual({ PreTokenGeneration: url, PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: url } });
  });

  it('receives Cognito\'s V3 client-credentials event, aws_client_metadata included', async () => {
    const token = await accessToken(mock, M2M, { scope: 'orders/read orders/write', aws_client_metadata: JSON.stringify({ tenant: 'acme', tier: 'gold' }) });
    expect(decodeJwt(token).payload.seen_event).toEqual({
      version: '3',
      triggerSource: 'TokenGeneration_ClientCredentials',
      region: 'us-east-1',
      userPoolId: TRIGGER_POOL,
      userName: 'ClientCredentials',
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: M2M.id },
      request: { userAttributes: {}, groupConfiguration: null, scopes: ['orders/read', 'orders/write'], clientMetadata: { tenant: 'acme', tier: 'gold' } },
      response: { claimsAndScopeOverrideDetails: null },
    });
  });

  it('adds claims of every JSON type after Cognito\'s, and changes scope by scopesToAdd/scopesToSuppress', async () => {
    const { payload } = decodeJwt(await accessToken(mock, M2M, { aws_client_metadata: '{"tenant":"acme"}' }));
    expect(Object.keys(payload)).toEqual(['sub', 'token_use', 'scope', 'auth_time', 'iss', 'exp', 'iat', 'version', 'jti', 'client_id',
      'tenant', 'seen_event', 'entitlements', 'limits', 'loads']);
    expect(payload).toMatchObject({ sub: M2M.id, client_id: M2M.id, token_use: 'access', version: 2, tenant: 'acme',
      entitlements: ['reports', 'exports'], limits: { rps: 10, burst: true } });
    // Granted: orders/read orders/write; the trigger suppresses write and adds audit.
    expect(payload.scope).toBe('orders/read orders/audit');
    expect(decodeJwt(await accessToken(mock, M2M)).payload.tenant).toBe('none');
  });

  it('imports the module once and keeps it, in a worker thread: not in the server\'s', async () => {
    const tokens = await Promise.all([accessToken(mock, M2M), accessToken(mock, M2M), accessToken(mock, M2M)]);
    expect(tokens.map((token) => decodeJwt(token).payload.loads)).toEqual([1, 1, 1]);
    expect(decodeJwt(await accessToken(mock, M2M)).payload.loads).toBe(1);
    expect((globalThis as { __customizeTriggerLoads?: number }).__customizeTriggerLoads).toBeUndefined();
  });

  it('answers invalid_request to aws_client_metadata that is not a JSON object', async () => {
    for (const metadata of ['{not json', '"a string"', '[1,2]']) {
      const res = await tokenResponse(mock, M2M, { aws_client_metadata: metadata });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'invalid_request' });
    }
  });

  it('customized tokens verify with aws-jwt-verify and with this project\'s verifier, scope changes included', async () => {
    const token = await accessToken(mock, M2M, { aws_client_metadata: '{"tenant":"acme"}' });
    const { verifier } = awsVerifierOnMock(mock, TRIGGER_POOL, M2M.id, ['orders/audit']);
    expect(await verifier.verify(token)).toMatchObject({ tenant: 'acme', scope: 'orders/read orders/audit' });
    await expect(verifier.verify(token, { scope: ['orders/write'] } as never)).rejects.toThrow('Scope not allowed');
    const ours = createAccessTokenVerifier({ ...mock.verifierOptions(TRIGGER_POOL), clientId: M2M.id, scopes: ['orders/read', 'orders/audit'] });
    expect(await ours.verify(token)).toMatchObject({ tenant: 'acme', limits: { rps: 10, burst: true } });
  });

  it('runs for GetClientToken too, with ClientMetadata as the event\'s clientMetadata', async () => {
    const { ClientAuthenticationResult } = await managementClient(mock.url).send(new GetClientTokenCommand({
      ClientId: API_CLIENT.id, Secret: API_CLIENT.secret, ClientMetadata: { tenant: 'globex' },
    }));
    const { payload } = decodeJwt(ClientAuthenticationResult!.AccessToken!);
    expect(payload).toMatchObject({ tenant: 'globex', scope: 'orders/read orders/audit' });
    expect((payload.seen_event as { request: unknown }).request).toMatchObject({ clientMetadata: { tenant: 'globex' } });
  });
});

describe('triggers set through the API and the testing API', () => {
  const outside = useTempDir('outside');
  let mock: CognitoMock;
  const sdk = () => managementClient(mock.url);
  const setTrigger = (LambdaArn: string, LambdaVersion: 'V1_0' | 'V2_0' | 'V3_0' = 'V3_0') =>
    sdk().send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID, LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion, LambdaArn } } }));
  const ordersToken = () => tokenResponse(mock, ORDERS_CLIENT);

  // The timeout leaves a module's first call time to import it on a loaded machine.
  beforeAll(async () => { mock = await startCognitoMock({ fixtures: testFixtures(), triggersDir: TRIGGERS_DIR, triggerTimeoutMs: 1_000 }); });
  afterAll(() => mock.stop());
  afterEach(async () => {
    vi.restoreAllMocks();
    mock.setPreTokenGenerationTrigger(POOL_ID, undefined);
    await sdk().send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID }));
  });

  it('UpdateUserPool takes an absolute file: URL; protected claims stay as Cognito issues them', async () => {
    await setTrigger(moduleUrl('protected-claims.mjs'));
    const plain = decodeJwt(mock.mintAccessToken({ clientId: ORDERS_CLIENT.id })).payload;
    const { payload } = decodeJwt(await accessToken(mock, ORDERS_CLIENT));
    expect(Object.keys(payload)).toEqual([...Object.keys(plain), 'custom']);
    expect(payload).toMatchObject({
      sub: ORDERS_CLIENT.id, client_id: ORDERS_CLIENT.id, token_use: 'access', version: 2, iss: mock.issuer(POOL_ID),
      scope: 'orders/read orders/write', custom: 'kept',
    });
    expect(payload.exp).toBe((payload.iat as number) + 3600);
    expect(payload.jti).not.toBe('fixed');
    expect(payload).not.toHaveProperty('aud');
    expect(payload).not.toHaveProperty('nbf');
  });

  it('UpdateUserPool refuses a relative file: URL, a missing module and a non-ARN', async () => {
    for (const arn of ['file:triggers/customize.mjs', pathToFileURL('/no/such/trigger.mjs').href, 'my-function']) {
      const error = await failure(setTrigger(arn));
      expect(error.name, arn).toBe('InvalidParameterException');
      expect(error.status).toBe(400);
    }
    const error = await failure(sdk().send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID, LambdaConfig: {
      PreTokenGeneration: 'arn:aws:lambda:us-east-1:000000000000:function:other',
      PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: moduleUrl('customize.mjs') } } })));
    expect(error).toMatchObject({ name: 'InvalidParameterException', message: 'PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must name the same function.' });
  });

  it('UpdateUserPool refuses a module outside the triggers directory, even through a link (SECURITY.md)', async () => {
    const module = outside.join('evil.mjs');
    await writeFile(module, 'globalThis.__evilTriggerRan = true; export default (event) => event;\n');
    const error = await failure(setTrigger(pathToFileURL(module).href));
    expect(error).toMatchObject({ name: 'InvalidParameterException' });
    expect(error.message).toContain('must lie in the triggers directory (--triggers-dir; default: the fixtures directory), outside node_modules');
    const { symlink } = await import('node:fs/promises');
    const link = fileURLToPath(moduleUrl('link-to-outside.mjs'));
    await symlink(module, link);
    try {
      expect((await failure(setTrigger(pathToFileURL(link).href))).name).toBe('InvalidParameterException');
    } finally {
      await rm(link);
    }
    expect((globalThis as { __evilTriggerRan?: boolean }).__evilTriggerRan).toBeUndefined();
  });

  it('stores a real Lambda ARN, which cannot run here: tokens are issued unchanged and the ARN named once on stderr', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const arn = 'arn:aws:lambda:us-east-1:000000000000:function:pre-token';
    await setTrigger(arn);
    const { UserPool } = await sdk().send(new DescribeUserPoolCommand({ UserPoolId: POOL_ID }));
    expect(UserPool!.LambdaConfig).toEqual({ PreTokenGeneration: arn, PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: arn } });
    for (let i = 0; i < 2; i++) expect(Object.keys(decodeJwt(await accessToken(mock, ORDERS_CLIENT)).payload)).toHaveLength(10);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]![0])).toContain(arn);
  });

  it('runs only V3_0 triggers for client credentials (V1_0 and V2_0 customize user tokens only)', async () => {
    for (const version of ['V1_0', 'V2_0'] as const) {
      await setTrigger(moduleUrl('customize.mjs'), version);
      expect(decodeJwt(await accessToken(mock, ORDERS_CLIENT)).payload).not.toHaveProperty('tenant');
    }
  });

  it('answers 400 invalid_request when the trigger throws, cannot load, answers garbage or times out, and logs why', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing: [string, string | PreTokenGenerationHandler][] = [
      ['threw', moduleUrl('throws.mjs')],
      ['unavailable', moduleUrl('no-handler.mjs')],
      ['invalid_response', () => undefined],
      ['invalid_response', (event) => ({ ...event, response: { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: 'orders/admin' } } } })],
      ['invalid_response', (event) => ({ ...event, response: { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { f: () => 1 } } } } })],
      ['timeout', () => new Promise(() => {})],
    ];
    for (const [kind, trigger] of failing) {
      if (typeof trigger === 'string') await setTrigger(trigger);
      else mock.setPreTokenGenerationTrigger(POOL_ID, trigger);
      const res = await ordersToken();
      expect(res.status, kind).toBe(400);
      expect(await res.json()).toEqual({ error: 'invalid_request' });
      expect(String(log.mock.lastCall?.[0]), kind).toContain(`(${kind})`);
      mock.setPreTokenGenerationTrigger(POOL_ID, undefined);
    }
    expect(String(log.mock.calls[0]![0])).toContain('PreTokenGeneration failed with error tenant is not onboarded.');
  });

  it('a function given to the testing API wins over LambdaConfig and can be removed again', async () => {
    await setTrigger(moduleUrl('customize.mjs'));
    const seen: unknown[] = [];
    mock.setPreTokenGenerationTrigger(POOL_ID, (event) => {
      seen.push(event.request.scopes);
      event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToAddOrOverride: { from: 'function' } } };
      return event;
    });
    expect(decodeJwt(await accessToken(mock, ORDERS_CLIENT, { scope: 'orders/read' })).payload).toMatchObject({ from: 'function' });
    expect(seen).toEqual([['orders/read']]);
    mock.setPreTokenGenerationTrigger(POOL_ID, undefined);
    expect(decodeJwt(await accessToken(mock, ORDERS_CLIENT)).payload).toMatchObject({ tenant: 'none' });
  });
});

describe('startCognitoMock({ triggers })', () => {
  it('installs function triggers per pool, and a synchronous handler works like an async one', async () => {
    const mock = await startCognitoMock({
      fixtures: testFixtures(),
      triggers: {
        [POOL_ID]: (event) => {
          event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToSuppress: ['auth_time'], scopesToSuppress: ['orders/read', 'orders/write'] } };
          return event;
        },
      },
    });
    try {
      const { payload } = decodeJwt(await accessToken(mock, ORDERS_CLIENT));
      // auth_time is protected; with every scope suppressed the claim is left out.
      expect(payload).toHaveProperty('auth_time');
      expect(payload).not.toHaveProperty('scope');
    } finally {
      await mock.stop();
    }
  });

  it('GetClientToken words trigger failures as Cognito\'s API does for Lambda triggers', async () => {
    const apiClient = { ClientId: API_CLIENT.id, Secret: API_CLIENT.secret };
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const mock = await startCognitoMock({ fixtures: FIXTURES, triggerTimeoutMs: 50 });
    try {
      const sdk = managementClient(mock.url);
      const cases: [PreTokenGenerationHandler, string, string | RegExp][] = [
        [() => { throw new Error('no tenant'); }, 'UserLambdaValidationException', 'PreTokenGeneration failed with error no tenant.'],
        [() => 'garbage', 'InvalidLambdaResponseException', /^Unrecognizable lambda output/],
        [() => new Promise(() => {}), 'UnexpectedLambdaException', /Socket timeout while invoking Lambda function/],
      ];
      for (const [handler, name, message] of cases) {
        mock.setPreTokenGenerationTrigger(TRIGGER_POOL, handler);
        const error = await failure(sdk.send(new GetClientTokenCommand(apiClient)));
        expect(error).toMatchObject({ name, status: 400 });
        expect(error.message).toMatch(message);
      }
    } finally {
      log.mockRestore();
      await mock.stop();
    }
  });
});

describe('fixture checks of a trigger\'s LambdaArn', () => {
  const dir = useTempDir('trigger');
  it('reports a relative module that does not exist with file and path, and a relative URL in a fixture object', async () => {
    const pool = { ...testFixtures().UserPools[0]!, LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: 'file:missing.mjs' } } };
    await writeFile(dir.join('pools.json'), JSON.stringify({ UserPools: [pool] }));
    await expect(startCognitoMock({ fixtures: dir.join('pools.json') })).rejects.toMatchObject({ problems: [
      expect.stringMatching(/pools\.json: UserPools\[0\]\.LambdaConfig\.PreTokenGenerationConfig\.LambdaArn: LambdaArn file:missing\.mjs: no file at .*missing\.mjs$/),
    ] });
    await expect(startCognitoMock({ fixtures: { UserPools: [pool] } })).rejects.toMatchObject({ problems: [expect.stringContaining('is relative')] });
  });
});

describe('where trigger modules may lie', () => {
  const dir = useTempDir('fixture-trigger');
  it('runs a module a fixture file names, even outside the working directory: its author chose it', async () => {
    await writeFile(dir.join('stamp.mjs'), `export default (event) => {
  event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToAddOrOverride: { stamped: true } } };
  return event;
};\n`);
    const pool = { ...testFixtures().UserPools[0]!, LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: 'file:stamp.mjs' } } };
    await writeFile(dir.join('pools.json'), JSON.stringify({ UserPools: [pool] }));
    const mock = await startCognitoMock({ fixtures: dir.join('pools.json') });
    try {
      expect(decodeJwt(await accessToken(mock, ORDERS_CLIENT)).payload).toMatchObject({ stamped: true });
    } finally {
      await mock.stop();
    }
  });
});

describe('the README\'s example trigger (test/features/triggers/add-tenant.mjs)', () => {
  it('is shown in the README exactly', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const shown = /<!-- code: test\/features\/triggers\/add-tenant\.mjs -->\n```js\n([\s\S]*?)^```$/m.exec(readme)?.[1];
    expect(shown).toBe(readFileSync(new URL('triggers/add-tenant.mjs', import.meta.url), 'utf8'));
  });

  it('does what the README says, from a fixture object with an absolute file: URL', async () => {
    const fixtures = testFixtures();
    Object.assign(fixtures.UserPools[0]!, { LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: moduleUrl('add-tenant.mjs') } } });
    const mock = await startCognitoMock({ fixtures });
    try {
      expect(decodeJwt(await accessToken(mock, ORDERS_CLIENT)).payload).toMatchObject({ tenant: 'default', scope: 'orders/read orders/write' });
      expect(decodeJwt(await accessToken(mock, ORDERS_CLIENT, { aws_client_metadata: '{"tenant":"read-only"}' })).payload)
        .toMatchObject({ tenant: 'read-only', scope: 'orders/read' });
    } finally {
      await mock.stop();
    }
  });
});
