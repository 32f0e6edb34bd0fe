// Tokens/s at 10 connections with nothing pinned: the server free on every core, the load
// generator too (the bench itself stays pinned, so its children get every core explicitly).
// cognito-mock (the CLI) against two minimal Koa token servers (reference/koa-signer.mjs: jose,
// node:crypto), in alternating rounds of one pass, so the figure shows what a server that signs on
// every core gains where a plain one cannot, on the same machine weather.
import { fileURLToPath } from 'node:url';
import { startCli } from '../lib/cli-server.mjs';
import { fetchToken, freePort, tokenRequest } from '../lib/http.mjs';
import { interleaved } from '../lib/interleave.mjs';
import { allCpus, runLoad } from '../lib/load.mjs';
import { canPin } from '../lib/machine.mjs';
import { options } from '../lib/options.mjs';
import { startProcess } from '../lib/processes.mjs';
import { BENCH_CLIENT, BENCH_POOL_ID, SCOPES } from '../lib/stores.mjs';
import { verifyTokens } from '../lib/verify-tokens.mjs';

const SIGNER = fileURLToPath(new URL('../reference/koa-signer.mjs', import.meta.url));

async function startReference(ctx, signer) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startProcess({
    argv: [process.execPath, SIGNER],
    env: { PORT: String(port), KEY_FILE: ctx.files.benchAccessKey, POOL_ID: BENCH_POOL_ID, CLIENT_ID: BENCH_CLIENT.id, CLIENT_SECRET: BENCH_CLIENT.secret, SCOPE: SCOPES.join(' '), SIGNER: signer },
    cpus: allCpus(),
    ready: async () => (await fetchToken(url, BENCH_CLIENT)) !== null,
    name: `koa-${signer}`,
  });
  return { ...server, url };
}

export async function unpinned(ctx) {
  const servers = {};
  try {
    servers.mock = await startCli({ data: ctx.files.normalStore, cpus: allCpus() });
    servers.koaJose = await startReference(ctx, 'jose');
    servers.koaNode = await startReference(ctx, 'node');
    const clientIds = new Set([BENCH_CLIENT.id]);
    const load = (server, warmUp = false) => async () => {
      const run = await runLoad({
        url: server.url, requests: [tokenRequest(BENCH_CLIENT)], expect: 'token', connections: 10, serverPid: server.pid, unpinned: true,
        seconds: warmUp ? options.warmupSeconds : options.seconds,
      });
      run.verification = await verifyTokens(server.url, run.samples, { clientIds });
      delete run.samples;
      return run;
    };
    ctx.log(`unpinned (${canPin(allCpus()) ? `every core: ${allCpus()}` : 'no taskset'}): warm-up ${options.warmupSeconds} s each`);
    for (const server of Object.values(servers)) await load(server, true)();
    ctx.log(`unpinned: cognito-mock, Koa + jose, Koa + node:crypto; ${options.unpinnedRounds} alternating rounds of ${options.seconds} s at 10 connections`);
    const contenders = Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, load(server)]));
    return { cpus: allCpus(), ...(await interleaved(options.unpinnedRounds, contenders, ctx.log)) };
  } finally {
    for (const server of Object.values(servers)) await server.stop();
  }
}
