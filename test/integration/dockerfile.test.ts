import { execFile, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { homedir } from 'node:os';
import { join, posix } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type RunningCli, startCli, stopAllClis } from '../support/cli-process.js';
import { type CommandForm, parseDockerfile } from '../support/dockerfile.js';
import { dockerPattern } from '../support/dockerfile-glob.js';
import { type DockerIgnore, parseDockerIgnore } from '../support/dockerfile-ignore.js';
import { type BuiltStage, buildStages, hostEnv, hostPath } from '../support/dockerfile-stages.js';
import { decodeJwt, requestToken } from '../support/fixtures.js';
import { managementClient } from '../support/management-client.js';
import { useTempDir } from '../support/temp-dir.js';

// The Dockerfile, proved without a Docker engine: each stage's files are assembled in a temp
// directory exactly as its COPY lines and .dockerignore describe, its RUN lines really run there
// (this machine's node and npm standing in for node:20-slim's; see dockerfile-run.ts for how
// absolute paths and `chown` are mapped), and the final stage's CMD is started with its ENV.
// Where `docker info` succeeds, the real image is built and run as well.

const run = promisify(execFile);
const dockerfile = parseDockerfile(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'));
const imageEnv = Object.fromEntries(dockerfile.at(-1)!.instructions.flatMap((i) => (i.kind === 'ENV' ? i.vars : [])));
const dockerEngine = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
const builtIn = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures', 'example-pool.json'), 'utf8'));
const [pool] = builtIn.UserPools;
const [client] = pool.UserPoolClients;

/** The environment node:20-slim gives every RUN, besides the stage's ENV. */
function baseImageEnv(): NodeJS.ProcessEnv {
  // npm's cache from the repository's own `npm ci` serves the tarballs; npm still resolves the
  // lockfile and installs every package into the stage (6 s on an idle 2-core machine).
  return { PATH: process.env.PATH, HOME: homedir(), npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' };
}

function execForm(command: CommandForm | undefined): string[] {
  if (command?.form !== 'exec') throw new Error('the model starts only an exec-form CMD, as `docker stop` needs to reach node');
  return command.args;
}

async function filesUnder(directory: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (entry.isDirectory()) files.push(...await filesUnder(join(directory, entry.name), `${prefix}${entry.name}/`));
    else files.push(`${prefix}${entry.name}`);
  }
  return files.sort();
}

async function waitForHealth(base: string, withinMs: number): Promise<Response> {
  const until = Date.now() + withinMs;
  for (;;) {
    const res = await fetch(`${base}/health`).catch(() => undefined);
    if (res?.status === 200) return res;
    if (Date.now() > until) throw new Error(`${base}/health did not answer 200 within ${withinMs} ms (last: ${res?.status ?? 'no answer'})`);
    await delay(100);
  }
}

/** A port nothing listens on (just released by this process). */
async function closedPort(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return String(port);
}

async function expectFixtureToken(base: string): Promise<void> {
  const res = await requestToken(`${base}/oauth2/token`, { clientId: client.ClientId, secret: client.ClientSecret });
  expect(res.status).toBe(200);
  const { payload } = decodeJwt(((await res.json()) as { access_token: string }).access_token);
  expect({ iss: payload.iss, client_id: payload.client_id }).toEqual({ iss: `https://cognito-idp.us-east-1.amazonaws.com/${pool.Id}`, client_id: client.ClientId });
}

describe('the Dockerfile model', () => {
  const model = useTempDir('dockerfile-model');
  it('joins continuation lines as BuildKit does, reading JSON and shell forms', () => {
    const [first, second] = parseDockerfile([
      '# syntax=docker/dockerfile:1', 'FROM node:20-slim AS build', 'RUN echo a \\', '# dropped', '    b', 'ENV A=1 \\', '  B="two words"',
      'HEALTHCHECK --interval=5s CMD ["node", "-e", "1"]', 'FROM build', 'COPY --from=build /app/dist ./dist', 'CMD node x.js',
    ].join('\n'));
    expect(first!.instructions.slice(1).map(({ line: _, ...rest }) => rest)).toEqual([
      { kind: 'RUN', command: { form: 'shell', command: 'echo a     b' } },
      { kind: 'ENV', vars: [['A', '1'], ['B', 'two words']] },
      { kind: 'HEALTHCHECK', options: { interval: '5s' }, command: { form: 'exec', args: ['node', '-e', '1'] } },
    ]);
    expect(second).toMatchObject({ base: 'build', name: undefined, instructions: [{ kind: 'FROM' },
      { kind: 'COPY', from: 'build', sources: ['/app/dist'], dest: './dist' }, { kind: 'CMD', command: { form: 'shell', command: 'node x.js' } }] });
  });

  it('refuses what it does not reproduce, naming the line', () => {
    expect(() => parseDockerfile('FROM a\nADD x /x')).toThrow('Dockerfile line 2: ADD is not reproduced');
    expect(() => parseDockerfile('FROM a\nCOPY --link x /x')).toThrow('--link is not reproduced');
    expect(() => parseDockerfile('FROM a\nWORKDIR $HOME')).toThrow('line 2: WORKDIR uses $ substitution');
  });

  it('matches .dockerignore and COPY patterns as Docker does', () => {
    const ignore = parseDockerIgnore('# comment\n/node_modules\n**/*.log\ntest\n!test/keep.txt\nbench/results/\n');
    const paths = ['node_modules/koa/index.js', 'a/b/c.log', 'x.log', 'test/a.ts', 'test/keep.txt', 'bench/results/r.json', 'bench/run.mjs', 'src/node_modules.ts'];
    expect(paths.filter((path) => ignore.excludes(path))).toEqual(['node_modules/koa/index.js', 'a/b/c.log', 'x.log', 'test/a.ts', 'bench/results/r.json']);
    expect(['tsconfig.json', 'tsconfig.build.json', 'src/tsconfig.json'].filter((p) => dockerPattern('tsconfig*.json', 'copy').test(p))).toEqual(['tsconfig.json', 'tsconfig.build.json']);
  });

  it('assembles stages by COPY\'s rules and runs RUN with / in the stage root', async () => {
    const context = model.join('context');
    await mkdir(join(context, 'a'), { recursive: true });
    await Promise.all(['a/x.txt', 'a/skip.log', 'b.txt', 'c.txt'].map((f) => writeFile(join(context, f), f)));
    const stages = await buildStages({
      stages: parseDockerfile(['FROM base AS one', 'WORKDIR /app', 'COPY a ./a', 'COPY b.txt c.txt ./', 'COPY b.txt renamed.txt',
        'RUN mkdir -p /data && pwd > /data/cwd && chown tester:tester /data', 'USER tester',
        'FROM base', 'COPY --from=one /app/a /copied', 'COPY --from=one /data/cwd /notes/'].join('\n')),
      context, ignore: parseDockerIgnore('*.log\n**/*.log'), into: model.join('stages'), baseEnv: { PATH: process.env.PATH }, runTimeoutMs: 10_000,
    });
    const [one, two] = stages as [BuiltStage, BuiltStage];
    expect(await filesUnder(one.root)).toEqual(['app/a/x.txt', 'app/b.txt', 'app/c.txt', 'app/renamed.txt', 'data/cwd']);
    expect(await readFile(join(one.root, 'data', 'cwd'), 'utf8')).toBe(`${join(one.root, 'app')}\n`);
    expect((await stat(join(one.root, 'data'))).uid).toBe(process.getuid!());
    expect(await filesUnder(two.root)).toEqual(['copied/x.txt', 'notes/cwd']);
  });
});

describe('the Dockerfile, each stage assembled from its COPY lines and run', () => {
  const stagesDir = useTempDir('dockerfile', 'all');
  let build: BuiltStage;
  let final: BuiltStage;
  let dataDirBeforeStart: { isDirectory: boolean; uid: number } | undefined;
  let ignore: DockerIgnore;
  let cli: RunningCli;
  let base: string;

  beforeAll(async () => {
    ignore = parseDockerIgnore(await readFile(join(REPO_ROOT, '.dockerignore'), 'utf8'));
    const stages = await buildStages({ stages: dockerfile, context: REPO_ROOT, ignore, into: stagesDir.path, baseEnv: baseImageEnv(), runTimeoutMs: 240_000 });
    build = stages[0]!;
    final = stages.at(-1)!;
    const dataDir = await stat(hostPath(final, posix.dirname(final.env.COGNITO_MOCK_DATA!))).catch(() => undefined);
    dataDirBeforeStart = dataDir && { isDirectory: dataDir.isDirectory(), uid: dataDir.uid };
    // Loopback and a free port instead of 0.0.0.0:9330, which only the container's network makes safe.
    cli = await startCli([], {
      command: execForm(final.cmd),
      cwd: hostPath(final, '.'),
      env: { ...hostEnv(final), COGNITO_MOCK_HOST: '127.0.0.1', COGNITO_MOCK_PORT: '0', NODE_PATH: '' },
    });
    base = cli.url;
    await waitForHealth(base, 10_000);
  }, 300_000);
  afterAll(async () => {
    await stopAllClis();
  });

  it('builds in a stage holding what `npm run build` reads, from a context without local installs, builds or stores', async () => {
    expect((await readdir(hostPath(build, '.'))).sort()).toEqual(
      ['dist', 'node_modules', 'package-lock.json', 'package.json', 'scripts', 'src', 'tsconfig.build.json', 'tsconfig.json']);
    expect(build.runs.map((r) => r.ran.at(-1))).toEqual(['npm ci --ignore-scripts --no-audit --no-fund', 'npm run build']);
    const local = ['node_modules/koa/package.json', 'dist/cli.js', '.git/HEAD', '.cognito-mock/db.json', 'bench/results/run.json', 'cognito-mock-0.1.0.tgz', 'test/support/build.ts'];
    expect(local.filter((path) => !ignore.excludes(path))).toEqual([]);
  });

  it('carries into the final stage only package.json, the CLI bundle and the fixtures: no node_modules', async () => {
    const chunks = (await readdir(hostPath(build, 'dist/cli-chunks'))).map((name) => `dist/cli-chunks/${name}`);
    expect(chunks.length).toBeGreaterThan(0);
    expect(await filesUnder(hostPath(final, '.'))).toEqual(
      ['package.json', ...chunks, 'dist/cli.js', 'dist/cli.js.LEGAL.txt', 'fixtures/example-pool.json'].sort());
    // Nothing on Node's module path from the stage (its parents, NODE_PATH, ~/.node_modules) offers them.
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const fromStage = createRequire(hostPath(final, 'dist/cli.js'));
    const resolvable = Object.keys(pkg.dependencies).filter((name) => { try { fromStage.resolve(name); return true; } catch { return false; } });
    expect(resolvable).toEqual([]);
  });

  it('answers /health and issues a token for the built-in fixture\'s client', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    await expectFixtureToken(base);
  });

  it('loads the bundle\'s lazy chunks: the management API and the /_mock controls', async () => {
    const { UserPools } = await managementClient(base).send(new ListUserPoolsCommand({ MaxResults: 10 }));
    expect(UserPools?.map((p) => p.Id)).toContain(pool.Id);
    const faults = await fetch(`${base}/_mock/faults`);
    expect({ status: faults.status, body: await faults.json() }).toEqual({ status: 200, body: { Faults: [] } });
  });

  it('keeps its store in the data volume, made by the stage\'s RUN for its USER, with mode 0600', async () => {
    const data = final.env.COGNITO_MOCK_DATA!;
    expect(final.volumes).toContain(posix.dirname(data));
    expect(dataDirBeforeStart).toEqual({ isDirectory: true, uid: process.getuid!() });
    expect((await stat(hostPath(final, data))).mode & 0o777).toBe(0o600);
  });

  it('passes its HEALTHCHECK command, and exposes the port its ENV sets', async () => {
    const imagePort = final.env.COGNITO_MOCK_PORT!;
    expect(final.exposed).toContain(imagePort);
    const check = final.healthcheck?.command;
    if (check === undefined || check === 'NONE' || check.form !== 'exec') throw new Error('expected an exec-form HEALTHCHECK');
    const against = (port: string) => check.args.map((arg) => arg.replaceAll(`127.0.0.1:${imagePort}/`, `127.0.0.1:${port}/`));
    const [command, ...args] = against(new URL(base).port);
    expect(args.join(' ')).toContain(`${base}/health`);
    expect(spawnSync(command!, args, { timeout: 10_000 }).status).toBe(0);
    const [, ...nobody] = against(await closedPort());
    expect(spawnSync(command!, nobody, { timeout: 10_000 }).status).toBe(1);
  });

  it('is set up as the README describes: 0.0.0.0:9330, /data/db.json, user node, `node dist/cli.js`', () => {
    expect(final.env).toMatchObject({ COGNITO_MOCK_HOST: '0.0.0.0', COGNITO_MOCK_PORT: '9330', COGNITO_MOCK_DATA: '/data/db.json' });
    expect({ user: final.user, workdir: final.workdir, cmd: final.cmd }).toEqual({ user: 'node', workdir: '/app', cmd: { form: 'exec', args: ['node', 'dist/cli.js'] } });
  });

  it('exits 0 on SIGTERM, as `docker stop` sends', async () => {
    expect(await cli.stop('SIGTERM')).toMatchObject({ code: 0, signal: null });
  });
});

describe('the Docker image', () => {
  it.skipIf(!dockerEngine)(`builds, starts, turns healthy and issues a token${dockerEngine ? '' : ' (skipped: no Docker engine)'}`, async () => {
    const tag = `cognito-mock-dockerfile-test:${process.pid}`;
    const docker = (...args: string[]) => run('docker', args, { timeout: 600_000, maxBuffer: 64 << 20 });
    let container: string | undefined;
    try {
      await docker('build', '-t', tag, REPO_ROOT);
      const imagePort = imageEnv.COGNITO_MOCK_PORT!;
      container = (await docker('run', '-d', '-p', `127.0.0.1::${imagePort}`, tag)).stdout.trim();
      const mapped = (await docker('port', container, `${imagePort}/tcp`)).stdout.trim().split('\n')[0]!;
      const imageBase = `http://${mapped}`;
      await waitForHealth(imageBase, 60_000);
      await expectFixtureToken(imageBase);
      // Docker's own verdict from the HEALTHCHECK (its first run comes one interval after the start).
      const until = Date.now() + 60_000;
      let health = '';
      while (health !== 'healthy' && Date.now() < until) {
        health = (await docker('inspect', '--format', '{{.State.Health.Status}}', container)).stdout.trim();
        if (health !== 'healthy') await delay(1_000);
      }
      expect(health).toBe('healthy');
    } finally {
      if (container) await docker('rm', '-f', '-v', container).catch(() => undefined);
      await docker('rmi', '-f', tag).catch(() => undefined);
    }
  }, 900_000);
});
