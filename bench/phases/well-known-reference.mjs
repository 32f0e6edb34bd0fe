// Reference for JWKS and discovery: reference/constant-koa.mjs serving the very bodies the mock
// served, pinned to the server core, loaded exactly like the mock.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, request } from '../lib/http.mjs';
import { runLoad } from '../lib/load.mjs';
import { options } from '../lib/options.mjs';
import { startProcess } from '../lib/processes.mjs';

const SCRIPT = fileURLToPath(new URL('../reference/constant-koa.mjs', import.meta.url));

export async function wellKnownReference(ctx, bodies) {
  const file = join(ctx.work, 'constant-bodies.json');
  writeFileSync(file, JSON.stringify(bodies));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const paths = Object.keys(bodies);
  const server = await startProcess({
    argv: [process.execPath, SCRIPT],
    env: { PORT: String(port), BODIES: file },
    cpus: options.serverCpus,
    ready: () => request(`${url}${paths[0]}`, { timeoutMs: 1_000 }).then((r) => r.status === 200, () => false),
    name: 'constant-koa',
  });
  const raw = {};
  try {
    for (const [name, path] of [['jwks', paths[0]], ['discovery', paths[1]]]) {
      ctx.log(`constant Koa ${name}: ${options.wellKnownConnections} connections, ${options.seconds} s`);
      raw[name] = await runLoad({
        url, requests: [{ method: 'GET', path }], expect: 'exact', expectBody: bodies[path],
        connections: options.wellKnownConnections, seconds: options.seconds, serverPid: server.pid,
      });
      delete raw[name].samples;
    }
  } finally {
    await server.stop();
  }
  return raw;
}
