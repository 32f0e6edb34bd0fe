import { access } from 'node:fs/promises';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/model/config-error.js';
import { startCognitoMock } from '../../src/testing/index.js';
import { runCli, startCli, useBuiltCli } from '../support/cli-process.js';
import { testFixtures, writeFixtureFile } from '../support/fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// Safe defaults, through the built CLI as users run it: loopback unless told
// otherwise (and a warning when told otherwise), a banner saying it is a mock, and no start under
// NODE_ENV=production without --allow-production (and no testing-API start without allowProduction).
// (The parsed defaults are in test/unit/config.test.ts, the plain refusal in test/integration/cli.test.ts.)

/** Resolves with how a TCP connection attempt ended: `connected` or the error code. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(3000, () => { socket.destroy(); resolve('timeout'); });
    socket.once('connect', () => { socket.destroy(); resolve('connected'); });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

const tmp = useTempDir('defaults');
useBuiltCli();
let fixtures: string;
beforeEach(async () => { fixtures = await writeFixtureFile(tmp.path); });

describe('safe defaults of the CLI', () => {
  it('listens on 127.0.0.1 only: another address of this machine is refused', async () => {
    // HOST is what many platforms set for servers; the mock must not pick it up.
    const cli = await startCli(['--port', '0', '--in-memory', '--fixtures', fixtures], { env: { HOST: '0.0.0.0' } });
    const { hostname, port } = new URL(cli.url);
    expect(hostname).toBe('127.0.0.1');
    expect(await tryConnect('127.0.0.1', Number(port))).toBe('connected');
    // 127.0.0.2 reaches this machine too (all of 127/8 is loopback on Linux), but not a socket bound to 127.0.0.1 alone.
    expect(await tryConnect('127.0.0.2', Number(port))).toBe('ECONNREFUSED');
  });

  it('the testing API listens on 127.0.0.1 too', async () => {
    const mock = await startCognitoMock({ fixtures: testFixtures() });
    try {
      expect(new URL(mock.url).hostname).toBe('127.0.0.1');
      expect(await tryConnect('127.0.0.2', Number(new URL(mock.url).port))).toBe('ECONNREFUSED');
    } finally {
      await mock.stop();
    }
  });

  it('says on stderr that it is a mock; stdout carries only the URL line', async () => {
    const cli = await startCli(['--port', '0', '--in-memory', '--fixtures', fixtures]);
    expect(cli.stdout()).toBe(`cognito-mock listening on ${cli.url}\n`);
    expect(cli.stderr()).toMatch(/^cognito-mock: a MOCK of Amazon Cognito for development and testing only, not an identity provider\./);
    expect(cli.stderr()).not.toContain('WARNING');
  });

  it('warns when told to listen beyond loopback', async () => {
    const cli = await startCli(['--port', '0', '--in-memory', '--fixtures', fixtures, '--host', '0.0.0.0']);
    expect(cli.stderr()).toContain('cognito-mock: WARNING: listening on 0.0.0.0, reachable from other machines: anyone who can reach it can read client secrets and mint tokens.');
    // And it does listen there: 127.0.0.2 connects now.
    expect(await tryConnect('127.0.0.2', Number(new URL(cli.url).port))).toBe('connected');
  });

  it('refuses NODE_ENV=production in any spelling, starting nothing, unless production is allowed by flag or variable', async () => {
    for (const NODE_ENV of ['production', 'Production', 'PRODUCTION', ' production ']) {
      const refused = await runCli(['--port', '0', '--in-memory', '--fixtures', fixtures], { env: { NODE_ENV } });
      expect({ NODE_ENV, code: refused.code, stdout: refused.stdout }).toEqual({ NODE_ENV, code: 1, stdout: '' });
      expect(refused.stderr).toContain('--allow-production');
    }
    const explicitNo = await runCli(['--port', '0', '--in-memory', '--fixtures', fixtures, '--allow-production=false'], { env: { NODE_ENV: 'production' } });
    expect(explicitNo.code).toBe(1);
    const byVariable = await startCli(['--port', '0', '--in-memory', '--fixtures', fixtures], { env: { NODE_ENV: 'production', COGNITO_MOCK_ALLOW_PRODUCTION: 'true' } });
    expect((await fetch(`${byVariable.url}/health`)).status).toBe(200);
    // Other environments start as usual.
    const staging = await startCli(['--port', '0', '--in-memory', '--fixtures', fixtures], { env: { NODE_ENV: 'productionish' } });
    expect((await fetch(`${staging.url}/health`)).status).toBe(200);
  });
});

describe('safe defaults of the testing API', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  });

  it('runs under vitest\'s NODE_ENV=test, where startCognitoMock starts as usual', async () => {
    expect(process.env.NODE_ENV).toBe('test');
    const mock = await startCognitoMock({ fixtures: testFixtures() });
    await mock.stop();
  });

  it('refuses NODE_ENV=production in any spelling, starting nothing, and says how to allow it', async () => {
    for (const NODE_ENV of ['production', 'Production', 'PRODUCTION', ' production ']) {
      process.env.NODE_ENV = NODE_ENV;
      const data = tmp.join(`db-${NODE_ENV.trim()}.json`);
      const refused = await startCognitoMock({ fixtures: testFixtures(), data }).then(async (mock) => { await mock.stop(); return undefined; }, (error: unknown) => error);
      expect(refused, NODE_ENV).toBeInstanceOf(ConfigError);
      expect((refused as ConfigError).message).toBe(`NODE_ENV is "${NODE_ENV}": cognito-mock is a mock identity provider for development and testing, `
        + 'with no real security. Pass allowProduction: true to startCognitoMock to start anyway.');
      // Nothing was started: no store file was made.
      await expect(access(data)).rejects.toMatchObject({ code: 'ENOENT' });
    }
  });

  it('starts under NODE_ENV=production with allowProduction: true, and under other environments without it', async () => {
    process.env.NODE_ENV = 'production';
    const allowed = await startCognitoMock({ fixtures: testFixtures(), allowProduction: true });
    try {
      expect((await fetch(`${allowed.url}/health`)).status).toBe(200);
    } finally {
      await allowed.stop();
    }
    process.env.NODE_ENV = 'productionish';
    await (await startCognitoMock({ fixtures: testFixtures() })).stop();
  });
});
