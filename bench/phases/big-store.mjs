// A large registry (100,000 clients in 1,000 pools): CLI start-up time with that store, then
// token throughput at 10 connections cycling through clients of 100 pools, against a small
// store holding just those 100 pools and clients, in alternating rounds: the ratio is the cost
// of registry size alone.
import { join } from 'node:path';
import { startCli } from '../lib/cli-server.mjs';
import { tokenRequest } from '../lib/http.mjs';
import { interleaved } from '../lib/interleave.mjs';
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
  const used = options.bigStoreClientsUsed;
  const small = await writeStore(join(ctx.work, 'small-store.json'), ctx.keys, { pools: used, clients: used, extra: ctx.examplePools });

  let big;
  let reference;
  try {
    for (let i = 0; i < options.bigStoreStartRuns; i++) {
      big = await startCli({ data: file, timeoutMs: 120_000 });
      raw.start_ms.push(big.ms);
      ctx.log(`big store start ${i + 1}/${options.bigStoreStartRuns}: ${big.ms.toFixed(0)} ms`);
      if (i < options.bigStoreStartRuns - 1) await big.stop();
    }
    raw.started_mb = memoryOf(big.pid).rssMb;
    reference = await startCli({ data: small.file });
    const contender = (server, clients, warmUp = false) => async () => {
      const run = await runLoad({
        url: server.url, requests: clients.map(tokenRequest), expect: 'token', connections: 10, serverPid: server.pid,
        ...(warmUp ? { seconds: options.warmupSeconds, retries: 0 } : { seconds: options.seconds }),
      });
      run.verification = await verifyTokens(server.url, run.samples, { clientIds: new Set(clients.map((c) => c.id)) });
      delete run.samples;
      return run;
    };
    const bigClients = store.clients.slice(0, used);
    raw.clients_used = bigClients.length;
    ctx.log(`warm-up ${options.warmupSeconds} s each, over ${used} clients in as many pools`);
    await contender(big, bigClients, true)();
    await contender(reference, small.clients, true)();
    ctx.log(`token load, big store vs ${used}-client store: ${options.bigStoreRounds} alternating rounds of ${options.seconds} s at 10 connections`);
    raw.token = await interleaved(options.bigStoreRounds, { big: contender(big, bigClients), reference: contender(reference, small.clients) }, ctx.log);
    raw.after_mb = memoryOf(big.pid).rssMb;
  } finally {
    raw.exit = await big?.stop();
    await reference?.stop();
  }
  return raw;
}
