import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type RunningCli, appDir, requireBuild, startCli, stopAllClis } from '../support/cli-process.js';
import { decodeJwt, requestToken } from '../support/fixtures.js';

// Docker cannot run here, so this test runs exactly what the image runs: the final stage's CMD in
// its WORKDIR (modelled by this run's app directory: package.json, node_modules, dist/, fixtures/),
// with the final stage's ENV. Only the port (0, to avoid clashes) and the data directory (a temp
// dir, for the /data volume) differ. The Dockerfile is parsed, so changing it changes what is tested.

interface FinalStage {
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[];
  lines: string[];
}

/** The instructions after the last FROM, with continuation lines joined. */
function parseFinalStage(dockerfile: string): FinalStage {
  const instructions = dockerfile.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const lastFrom = instructions.map((line) => /^FROM\s/i.test(line)).lastIndexOf(true);
  const lines = instructions.slice(lastFrom);
  const env: Record<string, string> = {};
  for (const line of lines.filter((l) => /^ENV\s/i.test(l))) {
    for (const [, name, value] of line.replace(/^ENV\s+/i, '').matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) {
      env[name!] = value!.replace(/^"(.*)"$/, '$1');
    }
  }
  const jsonArray = (prefix: RegExp): string[] => {
    const line = lines.filter((l) => prefix.test(l)).at(-1);
    if (!line) throw new Error(`no ${prefix.source} line in the final stage`);
    return JSON.parse(line.replace(prefix, '').replace(/^.*?CMD\s+/, '')) as string[];
  };
  return { env, cmd: jsonArray(/^CMD\s+/i), healthcheck: jsonArray(/^HEALTHCHECK\s+/i), lines };
}

describe('the Docker image\'s command', () => {
  let stage: FinalStage;
  let dataDir: string;
  let cli: RunningCli;
  let port: string;

  beforeAll(async () => {
    requireBuild();
    stage = parseFinalStage(await readFile(join(REPO_ROOT, 'Dockerfile'), 'utf8'));
    dataDir = await mkdtemp(join(tmpdir(), 'cognito-mock-docker-'));
    const imageData = stage.env.COGNITO_MOCK_DATA!;
    cli = await startCli([], {
      command: stage.cmd,
      cwd: appDir(),
      env: { ...stage.env, COGNITO_MOCK_PORT: '0', COGNITO_MOCK_DATA: join(dataDir, imageData.slice(dirname(imageData).length + 1)) },
    });
    port = new URL(cli.url).port;
  });
  afterAll(async () => {
    await stopAllClis();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs node dist/cli.js from the built output, listening on every interface', () => {
    expect(stage.cmd).toEqual(['node', 'dist/cli.js']);
    expect(stage.env.COGNITO_MOCK_HOST).toBe('0.0.0.0');
    expect(cli.url).toBe(`http://0.0.0.0:${port}`);
    expect(stage.lines).toEqual(expect.arrayContaining([
      'WORKDIR /app', 'COPY --from=build /app/dist ./dist', 'COPY fixtures ./fixtures', 'USER node',
    ]));
  });

  it('issues a token for the built-in fixture\'s client', async () => {
    const builtIn = JSON.parse(await readFile(join(REPO_ROOT, 'fixtures', 'example-pool.json'), 'utf8'));
    const [pool] = builtIn.UserPools;
    const [client] = pool.UserPoolClients;
    const res = await requestToken(`http://127.0.0.1:${port}/oauth2/token`, { clientId: client.ClientId, secret: client.ClientSecret });
    expect(res.status).toBe(200);
    const { payload } = decodeJwt(((await res.json()) as { access_token: string }).access_token);
    expect({ iss: payload.iss, client_id: payload.client_id }).toEqual({ iss: `https://cognito-idp.us-east-1.amazonaws.com/${pool.Id}`, client_id: client.ClientId });
  });

  it('keeps its store under the data volume, with mode 0600', async () => {
    const imageData = stage.env.COGNITO_MOCK_DATA!;
    expect(stage.lines).toContain(`VOLUME ["${dirname(imageData)}"]`);
    const store = join(dataDir, imageData.slice(dirname(imageData).length + 1));
    expect((await stat(store)).mode & 0o777).toBe(0o600);
  });

  it('passes its HEALTHCHECK command, and exposes the port it listens on', () => {
    const imagePort = stage.env.COGNITO_MOCK_PORT!;
    expect(stage.lines).toContain(`EXPOSE ${imagePort}`);
    const [command, ...args] = stage.healthcheck.map((arg) => arg.replaceAll(`:${imagePort}/`, `:${port}/`));
    expect(args.join(' ')).toContain(`127.0.0.1:${port}/health`);
    const check = spawnSync(command === 'node' ? process.execPath : command!, args, { timeout: 10_000 });
    expect(check.status).toBe(0);
  });

  it('needs only production dependencies at run time (the image installs with --omit=dev)', async () => {
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const imported = new Set<string>();
    const walk = async (directory: string): Promise<void> => {
      for (const entry of await readdir(directory, { withFileTypes: true })) {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.name.endsWith('.js')) {
          const source = await readFile(path, 'utf8');
          for (const [, from, bare, dynamic] of source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
            const specifier = from ?? bare ?? dynamic!;
            if (!specifier.startsWith('.')) imported.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
          }
        }
      }
    };
    await walk(join(appDir(), 'dist'));
    const external = [...imported].filter((name) => !name.startsWith('node:') && !builtinModules.includes(name));
    expect(external.length).toBeGreaterThan(0);
    expect(external.filter((name) => !(name in pkg.dependencies))).toEqual([]);
    expect(stage.lines.some((line) => /npm ci .*--omit=dev/.test(line))).toBe(true);
  });

  it('exits 0 on SIGTERM, as `docker stop` sends', async () => {
    expect(await cli.stop('SIGTERM')).toMatchObject({ code: 0, signal: null });
  });
});
