import { existsSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetClientTokenCommand, UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { REPO_ROOT, runCli, startCli, useBuiltCli } from '../support/cli-process.js';
import { OTHER_POOL_CLIENT, OTHER_POOL_ID, ORDERS_CLIENT, POOL_ID, decodeJwt, requestToken, testFixtures, writeFixtureFile } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';
import { useTempDir } from '../support/temp-dir.js';

// A trigger module is code the mock imports: whatever it does (loop forever, exit the process,
// throw in a timer, leave a rejection unhandled) must fail only its own invocation, answered as
// Cognito answers a failed trigger, and never stop or freeze the server. Modules set through the
// unauthenticated API come only from the triggers directory, never from node_modules.

/** Short, so a module that never answers fails fast; generous enough for a first call's import on a loaded machine. */
const TIMEOUT_MS = 400;

const MODULES: Record<string, string> = {
  'good.mjs': `export default (event) => {
  event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToAddOrOverride: { good: true } } };
  return event;
};\n`,
  'loop.mjs': 'export default () => { while (true) {} };\n',
  'exit.mjs': 'export default () => process.exit(3);\n',
  'unhandled.mjs': `export default () => {
  Promise.reject(new Error('nobody waits for this'));
  return new Promise(() => {});
};\n`,
  'timer-throws.mjs': `export default () => {
  setTimeout(() => { throw new Error('thrown in a timer'); });
  return new Promise(() => {});
};\n`,
  'top-level-exit.mjs': 'process.exit(3);\nexport default (event) => event;\n',
  'abort.mjs': 'export default () => process.abort();\n',
  'memory-bomb.mjs': `export default () => {
  const hoard = [];
  for (;;) hoard.push(new Array(1e6).fill(hoard.length));
};\n`,
  'uncloneable.mjs': 'export default (event) => ({ ...event, response: { claimsAndScopeOverrideDetails: null }, later: () => 1 });\n',
  'remaining-time.mjs': `export default (event, context) => {
  event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToAddOrOverride: { remaining: context.getRemainingTimeInMillis() } } };
  return event;
};\n`,
};

const dir = useTempDir('trigger-isolation', 'all');
let mock: CognitoMock;
const sdk = () => managementClient(mock.url);
const moduleUrl = (name: string): string => pathToFileURL(dir.join(name)).href;
const setTrigger = (LambdaArn: string) =>
  sdk().send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID, LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn } } }));
const ordersToken = () => requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
const otherPoolToken = () => requestToken(mock.tokenEndpoint, { clientId: OTHER_POOL_CLIENT.id, secret: OTHER_POOL_CLIENT.secret });
let logged: string[] = [];

let fixtureFile: string;

beforeAll(async () => {
  for (const [name, source] of Object.entries(MODULES)) await writeFile(dir.join(name), source);
  const fixtures = testFixtures();
  Object.assign(fixtures.UserPools[0]!.UserPoolClients[0]!, { ExplicitAuthFlows: ['ALLOW_CLIENT_TOKEN_AUTH'] });
  // A fixture file beside the modules: its directory is the triggers directory by default.
  fixtureFile = await writeFixtureFile(dir.path, fixtures);
  mock = await startCognitoMock({ fixtures: fixtureFile, triggerTimeoutMs: TIMEOUT_MS });
});
afterAll(() => mock?.stop());
beforeAll(() => {
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => { logged.push(String(line)); });
});
afterEach(async () => {
  logged = [];
  await sdk().send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID }));
});
afterAll(() => { vi.restoreAllMocks(); });

/** The token request fails as Cognito's OAuth endpoint reports a failed trigger, and the log says which kind. */
async function expectTriggerFailure(kind: string): Promise<void> {
  const res = await ordersToken();
  expect(res.status, kind).toBe(400);
  expect(await res.json()).toEqual({ error: 'invalid_request' });
  expect(logged.join('\n'), kind).toContain(`pre token generation trigger failed (${kind})`);
}

/** The server still answers: /health, another pool's token, and this pool's with a good trigger. */
async function expectServerAnswers(): Promise<void> {
  expect((await fetch(`${mock.url}/health`)).status).toBe(200);
  expect((await otherPoolToken()).status).toBe(200);
  await setTrigger(moduleUrl('good.mjs'));
  const res = await ordersToken();
  expect(res.status).toBe(200);
  expect(decodeJwt(((await res.json()) as { access_token: string }).access_token).payload).toMatchObject({ good: true });
}

describe('a trigger module that misbehaves fails its own token request, never the server', () => {
  it('a synchronous loop: /health and other pools answer during it, and the request fails after the timeout', async () => {
    await setTrigger(moduleUrl('loop.mjs'));
    const stuck = ordersToken();
    // Let the loop start first, then ask the server while it spins.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const during = await Promise.all([fetch(`${mock.url}/health`), otherPoolToken()]);
    expect(during.map((res) => res.status)).toEqual([200, 200]);
    const res = await stuck;
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_request' });
    expect(logged.join('\n')).toContain('pre token generation trigger failed (timeout)');
    // The stuck thread was ended: the same module runs (and times out) again, not behind the old loop.
    await expectTriggerFailure('timeout');
    await expectServerAnswers();
  });

  it.each([
    ['exit.mjs', 'threw', 'Runtime exited with error: exit status 3'],
    ['unhandled.mjs', 'threw', 'PreTokenGeneration failed with error nobody waits for this.'],
    ['timer-throws.mjs', 'threw', 'PreTokenGeneration failed with error thrown in a timer.'],
    ['top-level-exit.mjs', 'unavailable', 'exited while loading (exit status 3)'],
    ['abort.mjs', 'threw', 'Runtime exited with error: exit status 134'],
    ['uncloneable.mjs', 'invalid_response', 'Unrecognizable lambda output: the answer cannot be copied out of the function'],
  ])('%s fails that request (%s) and the server keeps answering', async (name, kind, reason) => {
    await setTrigger(moduleUrl(name));
    await expectTriggerFailure(kind);
    expect(logged.join('\n')).toContain(reason);
    await expectServerAnswers();
  });

  it('a memory bomb runs out of the worker\'s memory, not the server\'s', async () => {
    // A worker with its own heap limit: out of memory ends that thread (about a second of allocation).
    const slow = await startCognitoMock({ fixtures: fixtureFile, triggerTimeoutMs: 15_000 });
    try {
      await managementClient(slow.url).send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID,
        LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: moduleUrl('memory-bomb.mjs') } } }));
      const res = await requestToken(slow.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
      expect(res.status).toBe(400);
      expect(logged.join('\n')).toMatch(/trigger failed \(threw\).*memory/i);
      expect((await fetch(`${slow.url}/health`)).status).toBe(200);
    } finally {
      await slow.stop();
    }
  }, 30_000);

  it('GetClientToken words a module that exits as Cognito words a failed Lambda function', async () => {
    await setTrigger(moduleUrl('exit.mjs'));
    const error = await failure(sdk().send(new GetClientTokenCommand({ ClientId: ORDERS_CLIENT.id, Secret: ORDERS_CLIENT.secret })));
    expect(error).toMatchObject({ name: 'UserLambdaValidationException', status: 400,
      message: 'PreTokenGeneration failed with error Runtime exited with error: exit status 3.' });
    await expectServerAnswers();
  });

  it('a module that died is loaded anew on the next call: fixed, it answers again', async () => {
    const name = 'exit-then-fixed.mjs';
    await writeFile(dir.join(name), MODULES['exit.mjs']!);
    await setTrigger(moduleUrl(name));
    await expectTriggerFailure('threw');
    await writeFile(dir.join(name), MODULES['good.mjs']!);
    const res = await ordersToken();
    expect(res.status).toBe(200);
  });

  it('getRemainingTimeInMillis() counts down from the timeout inside the worker', async () => {
    await setTrigger(moduleUrl('remaining-time.mjs'));
    const res = await ordersToken();
    expect(res.status).toBe(200);
    const { remaining } = decodeJwt(((await res.json()) as { access_token: string }).access_token).payload as { remaining: number };
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(TIMEOUT_MS);
  });
});

describe('where trigger modules set through the API may lie', () => {
  it('not under node_modules, even inside the triggers directory: node_modules/.bin/tsc is refused', async () => {
    // The working directory as triggers directory, as the API allowed before: node_modules is still out.
    const wide = await startCognitoMock({ fixtures: testFixtures(), triggersDir: REPO_ROOT });
    try {
      const tsc = pathToFileURL(join(REPO_ROOT, 'node_modules', '.bin', 'tsc')).href;
      const error = await failure(managementClient(wide.url).send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID,
        LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: tsc } } })));
      expect(error).toMatchObject({ name: 'InvalidParameterException', status: 400 });
      expect(error.message).toContain('outside node_modules');
      expect((await requestToken(wide.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret })).status).toBe(200);
    } finally {
      await wide.stop();
    }
  });

  it('not the working directory by default: a fixtures object leaves the API no triggers directory', async () => {
    const plain = await startCognitoMock({ fixtures: testFixtures() });
    try {
      const error = await failure(managementClient(plain.url).send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID,
        LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: pathToFileURL(join(REPO_ROOT, 'test/features/triggers/add-tenant.mjs')).href } } })));
      expect(error).toMatchObject({ name: 'InvalidParameterException' });
    } finally {
      await plain.stop();
    }
  });

  it('a link in the triggers directory into node_modules is refused when set, and before import when the link changes later', async () => {
    const marker = dir.join('node_modules-module-ran');
    await mkdir(dir.join('node_modules'), { recursive: true });
    await writeFile(dir.join('node_modules', 'package-bin.mjs'),
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default (event) => event;\n`);
    await symlink(dir.join('node_modules', 'package-bin.mjs'), dir.join('into-node-modules.mjs'));
    expect((await failure(setTrigger(moduleUrl('into-node-modules.mjs')))).name).toBe('InvalidParameterException');

    // Set while it pointed at a good module, then repointed: refused at load, never imported.
    await symlink(dir.join('good.mjs'), dir.join('repointed.mjs'));
    await setTrigger(moduleUrl('repointed.mjs'));
    await rm(dir.join('repointed.mjs'));
    await symlink(dir.join('node_modules', 'package-bin.mjs'), dir.join('repointed.mjs'));
    await expectTriggerFailure('unavailable');
    expect(logged.join('\n')).toContain('outside node_modules');
    expect(existsSync(marker)).toBe(false);
    await expectServerAnswers();
  });
});

describe('a stored trigger that cannot load fails its pool\'s tokens, not the start', () => {
  const store = useTempDir('trigger-store');
  // Restarts without fixtures: the pools, and the trigger set through the API, come from the store alone.
  const startOn = (data: string, triggersDir: string, fixtures?: ReturnType<typeof testFixtures>) =>
    startCognitoMock({ ...(fixtures ? { fixtures } : {}), data, triggersDir, triggerTimeoutMs: TIMEOUT_MS });

  it('a module since deleted, moved out of the triggers directory, or replaced by a link into node_modules', async () => {
    const data = store.join('db.json');
    const triggers = store.join('triggers');
    await mkdir(triggers);
    const module = join(triggers, 'stored.mjs');
    await writeFile(module, MODULES['good.mjs']!);
    const first = await startOn(data, triggers, testFixtures());
    await managementClient(first.url).send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID,
      LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: pathToFileURL(module).href } } }));
    await first.stop();

    const restarts: [string, () => Promise<void>, string][] = [
      ['another triggers directory', async () => {}, dir.path],
      ['a link into node_modules', async () => {
        await rm(module);
        await symlink(join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), module);
      }, triggers],
      ['the module deleted', () => rm(module), triggers],
    ];
    for (const [what, change, triggersDir] of restarts) {
      await change();
      logged = [];
      const again = await startOn(data, triggersDir);
      try {
        const res = await requestToken(again.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
        expect(res.status, what).toBe(400);
        expect(await res.json()).toEqual({ error: 'invalid_request' });
        expect(logged.join('\n'), what).toContain('pre token generation trigger failed (unavailable)');
        expect((await requestToken(again.tokenEndpoint, { clientId: OTHER_POOL_CLIENT.id, secret: OTHER_POOL_CLIENT.secret })).status).toBe(200);
      } finally {
        await again.stop();
      }
    }
  });
});

describe('trigger isolation in the built CLI (the bundle users run)', () => {
  const cliDir = useTempDir('trigger-isolation-cli');
  useBuiltCli();

  it('keeps answering while one loops and after another exits, and stops on SIGTERM during the loop', async () => {
    await writeFile(join(cliDir.path, 'loop.mjs'), MODULES['loop.mjs']!);
    await writeFile(join(cliDir.path, 'exit.mjs'), MODULES['exit.mjs']!);
    const fixtures = testFixtures();
    const trigger = (file: string) => ({ LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: `file:${file}` } } });
    Object.assign(fixtures.UserPools.find((pool) => pool.Id === POOL_ID)!, trigger('loop.mjs'));
    Object.assign(fixtures.UserPools.find((pool) => pool.Id === OTHER_POOL_ID)!, trigger('exit.mjs'));
    await writeFixtureFile(cliDir.path, fixtures);
    const cli = await startCli(['--port', '0', '--in-memory', '--fixtures', cliDir.path]);
    const endpoint = `${cli.url}/oauth2/token`;
    const exiting = () => requestToken(endpoint, { clientId: OTHER_POOL_CLIENT.id, secret: OTHER_POOL_CLIENT.secret });

    expect((await exiting()).status).toBe(400);
    expect((await fetch(`${cli.url}/health`)).status).toBe(200);

    const stuck = requestToken(endpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret }).then((res) => res.status, () => 'reset');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fetch(`${cli.url}/health`)).status).toBe(200);
    expect((await exiting()).status).toBe(400);

    // The loop would hold the trigger timeout (5 s, the CLI's default) at most; SIGTERM must not
    // wait for it, let alone forever: the close's 1 s grace for requests under way, then the worker ends.
    const signalled = Date.now();
    const exit = await cli.stop('SIGTERM');
    expect(Date.now() - signalled).toBeLessThan(4_500);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.stderr).toContain('stopped on SIGTERM');
    expect(exit.stderr).toContain('Runtime exited with error: exit status 3');
    expect(await stuck).not.toBe(200);
  });

  it('takes the triggers directory from --triggers-dir / COGNITO_MOCK_TRIGGERS_DIR, and refuses one that is not a directory', async () => {
    const missing = join(cliDir.path, 'no-such-dir');
    const refused = await runCli(['--port', '0', '--in-memory', '--triggers-dir', missing]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`triggers directory ${missing} is not a directory`);

    const triggers = join(cliDir.path, 'triggers');
    await mkdir(triggers);
    await writeFile(join(triggers, 'good.mjs'), MODULES['good.mjs']!);
    const fixtureDir = join(cliDir.path, 'fixtures');
    await mkdir(fixtureDir);
    const cli = await startCli(['--port', '0', '--in-memory', '--fixtures', await writeFixtureFile(fixtureDir)], { env: { COGNITO_MOCK_TRIGGERS_DIR: triggers } });
    const client = managementClient(cli.url);
    const set = (path: string) => client.send(new UpdateUserPoolCommand({ UserPoolId: POOL_ID,
      LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: pathToFileURL(path).href } } }));
    // The fixtures directory is no longer where API-set modules may lie once another is named.
    await writeFile(join(fixtureDir, 'good.mjs'), MODULES['good.mjs']!);
    expect((await failure(set(join(fixtureDir, 'good.mjs')))).name).toBe('InvalidParameterException');
    await set(join(triggers, 'good.mjs'));
    const res = await requestToken(`${cli.url}/oauth2/token`, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
    expect(decodeJwt(((await res.json()) as { access_token: string }).access_token).payload).toMatchObject({ good: true });
  });
});
