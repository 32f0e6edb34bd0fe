// The management API: 1,000 CreateUserPoolClient calls sequentially, then 1,000 at 32 in
// parallel (group commit should share the writes), then the sequential cost per create at store
// sizes of 1k, 10k and 50k clients (the curve should be flat). Each server is stopped afterwards
// and its store read back: every create that answered 200 must be on disk.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCli } from '../lib/cli-server.mjs';
import { createClients } from '../lib/management-client.mjs';
import { options } from '../lib/options.mjs';
import { countClients, poolId, writeStore } from '../lib/stores.mjs';

// Creates land in pools that start empty, 500 per pool: under Cognito's 1,000 clients per pool.
const PER_TARGET_POOL = 500;

export async function management(ctx) {
  const creates = options.managementCreates;
  const targets = Math.ceil((2 * creates) / PER_TARGET_POOL);
  const headline = await measure(ctx, 'management', { pools: 1, clients: 1, emptyPools: targets }, [
    { name: 'sequential', count: creates, parallel: 1 },
    { name: 'parallel', count: creates, parallel: options.managementParallel },
  ]);
  const curve = {};
  for (const [i, size] of options.curveSizes.entries()) {
    const pools = Math.max(1, Math.ceil(size / options.clientsPerPool));
    const count = options.curveCreates;
    const point = await measure(ctx, `curve-${options.curveKeys[i]}`, { pools, clients: size, emptyPools: Math.ceil(count / PER_TARGET_POOL) }, [
      { name: 'sequential', count, parallel: 1, budgetSeconds: options.curveBudgetSeconds },
    ]);
    curve[options.curveKeys[i]] = { store_clients: size, ...point };
  }
  return { ...headline, curve };
}

async function measure(ctx, label, shape, runs) {
  const file = join(ctx.work, `${label}.json`);
  const store = await writeStore(file, ctx.keys, { ...shape, extra: ctx.examplePools });
  const poolIds = Array.from({ length: shape.emptyPools }, (_, n) => poolId(shape.pools + n));
  const server = await startCli({ data: file, timeoutMs: 120_000 });
  const raw = { start_ms: server.ms };
  let created = 0;
  try {
    for (const run of runs) {
      ctx.log(`${label}: ${run.count} CreateUserPoolClient, ${run.parallel} at a time (store: ${store.clientCount} clients)`);
      const result = await createClients(server.url, { ...run, budgetSeconds: run.budgetSeconds ?? 120, poolIds, label: `${label}-${run.name}` });
      created += result.created;
      raw[run.name] = result;
      ctx.log(`  ${result.created} created, ${result.errors} errors in ${result.seconds.toFixed(2)} s${result.cut_by_budget ? ' (stopped by the time budget)' : ''}`);
    }
  } finally {
    raw.exit = await server.stop();
  }
  // The store is a snapshot plus a journal: read it as the server does.
  const { readStoreFile } = await import(pathToFileURL(join(options.dist, 'store', 'store.js')).href);
  const onDisk = countClients(await readStoreFile(file));
  raw.durability = { expected: store.clientCount + created, on_disk: onDisk, ok: onDisk === store.clientCount + created };
  return raw;
}
