// JWKS and discovery: cognito-mock (the CLI) against reference/constant-koa.mjs serving the very
// bodies cognito-mock served, both pinned to the server core, measured in alternating rounds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCli } from '../lib/cli-server.mjs';
import { freePort, request } from '../lib/http.mjs';
import { interleaved } from '../lib/interleave.mjs';
import { runLoad } from '../lib/load.mjs';
import { options } from '../lib/options.mjs';
import { startProcess } from '../lib/processes.mjs';
import { BENCH_POOL_ID } from '../lib/stores.mjs';

const CONSTANT_KOA = fileURLToPath(new URL('../reference/constant-koa.mjs', import.meta.url));
const PATHS = { jwks: `/${BENCH_POOL_ID}/.well-known/jwks.json`, discovery: `/${BENCH_POOL_ID}/.well-known/openid-configuration` };

export async function wellKnown(ctx) {
  const mock = await startCli({ data: ctx.files.normalStore });
  let koa;
  try {
    const bodies = {};
    for (const path of Object.values(PATHS)) {
      const res = await request(`${mock.url}${path}`);
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${res.body.slice(0, 200)}`);
      bodies[path] = res.body;
    }
    const file = join(ctx.work, 'constant-bodies.json');
    writeFileSync(file, JSON.stringify(bodies));
    const port = await freePort();
    const koaUrl = `http://127.0.0.1:${port}`;
    koa = await startProcess({
      argv: [process.execPath, CONSTANT_KOA],
      env: { PORT: String(port), BODIES: file },
      cpus: options.serverCpus,
      ready: () => request(`${koaUrl}${PATHS.jwks}`, { timeoutMs: 1_000 }).then((r) => r.status === 200, () => false),
      name: 'constant-koa',
    });
    const load = (url, pid, path, warmUp = false) => async () => {
      const run = await runLoad({
        url, requests: [{ method: 'GET', path }], expect: 'exact', expectBody: bodies[path], connections: options.wellKnownConnections,
        serverPid: pid, ...(warmUp ? { seconds: options.warmupSeconds / 2, retries: 0 } : { seconds: options.seconds }),
      });
      delete run.samples;
      return run;
    };
    const raw = {};
    for (const [name, path] of Object.entries(PATHS)) {
      ctx.log(`${name}: cognito-mock and constant Koa, ${options.wellKnownRounds} alternating rounds of ${options.seconds} s at ${options.wellKnownConnections} connections`);
      await load(mock.url, mock.pid, path, true)(); // JIT warm-up, untimed
      await load(koaUrl, koa.pid, path, true)();
      raw[name] = await interleaved(options.wellKnownRounds, { mock: load(mock.url, mock.pid, path), reference: load(koaUrl, koa.pid, path) }, ctx.log);
    }
    return raw;
  } finally {
    await mock.stop();
    await koa?.stop();
  }
}
