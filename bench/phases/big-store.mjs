// A large registry (100,000 clients in 1,000 pools): CLI start-up time with that store, then
// token throughput at 10 connections cycling through clients of many pools.
import { join } from 'node:path';
import { startCli } from '../lib/cli-server.mjs';
import { tokenRequest } from '../lib/http.mjs';
import { runLoad } from '../lib/load.mjs';
import { options } from '../lib/options.mjs';
import { memoryOf } from '../lib/processes.mjs';
import { writeStore } from '../lib/stores.mjs';
import { verifyTokens } from '../lib/verify-tokens.mjs';

export async function bigStore(ctx) {
  const file = join(ctx.work, 'big-store.json');
  const t0 = performance.now();
  const store = await writeStore(file, ctx.keys, { ...options.bigStore, extra: ctx.examplePools });
  const raw = { pools: store.pools, clients: store.clientCount, generate_ms: performance.now() - t0, start_ms: [] };
  ctx.log(`big store: ${store.clientCount} clients in ${store.pools} pools, written in ${raw.generate_ms.toFixed(0)} ms`);

  let server;
  for (let i = 0; i < options.bigStoreStartRuns; i++) {
    server = await startCli({ data: file, timeoutMs: 120_000 });
    raw.start_ms.push(server.ms);
    ctx.log(`big store start ${i + 1}/${options.bigStoreStartRuns}: ${server.ms.toFixed(0)} ms`);
    if (i < options.bigStoreStartRuns - 1) await server.stop();
  }
  try {
    raw.started_mb = memoryOf(server.pid).rssMb;
    const used = store.clients.slice(0, options.bigStoreClientsUsed);
    const requests = used.map(tokenRequest);
    const clientIds = new Set(used.map((c) => c.id));
    raw.clients_used = used.length;
    ctx.log(`big store warm-up ${options.warmupSeconds} s over ${used.length} clients in as many pools`);
    await runLoad({ url: server.url, requests, expect: 'token', connections: 10, seconds: options.warmupSeconds, retries: 0 });
    ctx.log(`big store token load: 10 connections, ${options.seconds} s`);
    const run = await runLoad({ url: server.url, requests, expect: 'token', connections: 10, seconds: options.seconds, serverPid: server.pid });
    run.verification = await verifyTokens(server.url, run.samples, { clientIds });
    delete run.samples;
    raw.token = run;
    raw.after_mb = memoryOf(server.pid).rssMb;
  } finally {
    raw.exit = await server.stop();
  }
  return raw;
}
