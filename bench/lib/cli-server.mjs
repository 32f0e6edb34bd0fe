// cognito-mock as users start it: the built CLI, pinned to the server core, ready when it has
// issued its first token for the bench client.
import { join } from 'node:path';
import { BENCH_CLIENT } from './stores.mjs';
import { fetchToken, freePort } from './http.mjs';
import { REPO, options } from './options.mjs';
import { startProcess } from './processes.mjs';

/** Servers that did not exit 0 on SIGTERM (the CLI exits 0 once pending store writes are done). */
export const failedStops = [];

/**
 * `node dist/cli.js --port <p> --data <store> --fixtures <repo>/fixtures` (the built-in fixtures,
 * named explicitly because a smoke-test build lives outside dist/). Resolves the running process
 * plus {url, port}; `ms` is spawn → first token. `dist`: another build to run (an older tree, side by side).
 * `cpus`: where it runs (the unpinned phase gives it every core); `ready(url)`: another readiness
 * probe than a token (the big-users start counts to the first sign-in).
 */
export async function startCli({ data, nodeArgs = [], args = [], timeoutMs = 30_000, dist = options.dist, cpus = options.serverCpus, ready }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const argv = [process.execPath, ...nodeArgs, join(dist, 'cli.js'), '--port', String(port), '--data', data, '--fixtures', join(REPO, 'fixtures'), ...args];
  const server = await startProcess({
    argv,
    cpus,
    ready: ready ? () => ready(url) : async () => (await fetchToken(url, BENCH_CLIENT)) !== null,
    timeoutMs,
    name: 'cognito-mock',
  });
  const stop = async () => {
    const exit = await server.stop();
    if (exit.code !== 0) failedStops.push(`cognito-mock (${data}) exited ${exit.code ?? exit.signal} on SIGTERM: ${server.output().slice(-300)}`);
    return exit;
  };
  return { ...server, stop, url, port };
}
