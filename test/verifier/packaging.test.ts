import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORDERS_CLIENT, POOL_ID, testFixtures } from '../support/fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// What a user's project does: install the packed tarball, then import both exports from plain Node
// ESM. One `npm pack` per run, in a copy of the repository without dist/, so `prepack` builds from
// scratch (as `npm publish` in CI would) and the shared dist/ that the CLI tests run is never
// rewritten under them.

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const tmp = useTempDir('pack', 'all');
let packedFiles: string[];
let tarball: string;

beforeAll(async () => {
  const source = tmp.join('source');
  const skipped = new Set(['node_modules', 'dist', '.git', '.cognito-mock']);
  await cp(repo, source, { recursive: true, filter: (path) => !skipped.has(path.slice(repo.length).split(/[\\/]/)[0]!) });
  await symlink(join(repo, 'node_modules'), join(source, 'node_modules'), 'junction');
  const { stdout } = await run(npm, ['pack', '--pack-destination', tmp.path, '--json'], { cwd: source, timeout: 120_000, maxBuffer: 16 << 20 });
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed!.files.map((f) => f.path);
  tarball = tmp.join(packed!.filename);
}, 180_000);

describe('the npm package', () => {
  it('ships both exports and nothing from test/', () => {
    expect(packedFiles).toEqual(expect.arrayContaining([
      'dist/verifier/index.js', 'dist/verifier/index.d.ts', 'dist/testing/index.js', 'dist/testing/index.d.ts', 'package.json',
    ]));
    expect(packedFiles.filter((f) => f.startsWith('test/') || f.startsWith('examples/') || f.endsWith('.pem') || f.startsWith('src/'))).toEqual([]);
  });

  it('installs into a project that imports cognito-mock/verifier and cognito-mock/testing from plain ESM', async () => {
    const project = tmp.join('consumer');
    await mkdir(project);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await run(npm, ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project, timeout: 120_000 });

    const installed = join(project, 'node_modules', 'cognito-mock');
    // A PEM key body, not the armour alone: code that checks a stored key's format names the armour.
    const privateKeys = (await filesUnder(installed)).filter((text) => /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/]{40}/.test(text.content)).map((f) => f.path);
    expect(privateKeys).toEqual([]);

    // Test keys go to the temp project only, as the fixture a user's suite would hold.
    await writeFile(join(project, 'fixtures.json'), JSON.stringify(testFixtures()));
    await writeFile(join(project, 'flow.mjs'), FLOW);
    const { stdout } = await run(process.execPath, ['flow.mjs'], { cwd: project, timeout: 30_000, env: { ...process.env, POOL_ID, CLIENT_ID: ORDERS_CLIENT.id, CLIENT_SECRET: ORDERS_CLIENT.secret } });
    expect(JSON.parse(stdout)).toEqual({ verified: ORDERS_CLIENT.id, tampered: 'invalid_signature', middleware: 'function', errorClass: true });
  }, 180_000);
});

const FLOW = `
import { startCognitoMock } from 'cognito-mock/testing';
import { AccessTokenError, createAccessTokenVerifier, requireAccessToken } from 'cognito-mock/verifier';

const { POOL_ID, CLIENT_ID, CLIENT_SECRET } = process.env;
const mock = await startCognitoMock({ fixtures: 'fixtures.json' });
try {
  const res = await fetch(mock.tokenEndpoint, {
    method: 'POST',
    headers: { authorization: 'Basic ' + btoa(CLIENT_ID + ':' + CLIENT_SECRET), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const { access_token } = await res.json();
  const verifier = createAccessTokenVerifier({ ...mock.verifierOptions(POOL_ID), clientId: CLIENT_ID, scopes: ['orders/read'] });
  const claims = await verifier.verify(access_token);
  const i = access_token.length - 10; // inside the signature
  const tampered = access_token.slice(0, i) + (access_token[i] === 'A' ? 'B' : 'A') + access_token.slice(i + 1);
  const rejected = await verifier.verify(tampered).catch((e) => e);
  console.log(JSON.stringify({
    verified: claims.client_id,
    tampered: rejected.code,
    middleware: typeof requireAccessToken({ verifier }),
    errorClass: rejected instanceof AccessTokenError,
  }));
} finally {
  await mock.stop();
}
`;

async function filesUnder(root: string): Promise<{ path: string; content: string }[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return Promise.all(entries.filter((e) => e.isFile()).map(async (e) => {
    const path = join(e.parentPath, e.name);
    return { path, content: await readFile(path, 'utf8') };
  }));
}
