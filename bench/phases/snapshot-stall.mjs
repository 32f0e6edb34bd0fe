// A snapshot rewrite of a big store (100,000 clients in 1,000 pools) while the server is in use:
// the longest a /health request (one every 10 ms: the event loop's longest stall, plus one round
// trip) and a single write (CreateUserPoolClient, one after another) waited while it ran, and
// the start-up time of that store. The snapshot is rewritten once the journal holds as many bytes
// as the snapshot, so the phase writes beside the store a journal that sets every client again
// (in the previous version's line format, which every version reads): the first write starts the
// rewrite. BENCH_OLD_DIST names the build of an older tree, measured the same way in the same run.
import { copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { startCli } from '../lib/cli-server.mjs';
import { request } from '../lib/http.mjs';
import { options } from '../lib/options.mjs';
import { poolId, writeStore } from '../lib/stores.mjs';

const TARGET = 'AWSCognitoIdentityProviderService.CreateUserPoolClient';
const TICK_MS = 10;

export async function snapshotStall(ctx) {
  const file = join(ctx.work, 'snapshot-stall.json');
  const store = await writeStore(file, ctx.keys, { ...options.bigStore, extra: ctx.examplePools });
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const lines = [];
  for (const [id, pool] of Object.entries(data.pools)) {
    for (const [clientId, client] of Object.entries(pool.UserPoolClients)) lines.push(JSON.stringify({ set: ['pools', id, 'UserPoolClients', clientId], value: client }));
  }
  // At least as many bytes as the snapshot, and past the 1 MiB below which no snapshot is rewritten.
  const once = `${lines.join('\n')}\n`;
  const journal = once.repeat(Math.ceil(Math.max(1.2 * 1024 * 1024, 1.05 * statSync(file).size) / once.length));
  ctx.log(`snapshot stall: ${store.clientCount} clients, snapshot ${(statSync(file).size / 1e6).toFixed(0)} MB, journal ${(journal.length / 1e6).toFixed(0)} MB`);
  const builds = { new: options.dist, ...(process.env.BENCH_OLD_DIST ? { old: process.env.BENCH_OLD_DIST } : {}) };
  const raw = {};
  for (const [name, dist] of Object.entries(builds)) {
    const copy = join(ctx.work, `snapshot-stall-${name}.json`);
    copyFileSync(file, copy);
    rmSync(`${copy}.journal`, { force: true });
    // Start-up time of the big store as it is (no journal), then the run over the journal.
    const plain = await startCli({ data: copy, dist, timeoutMs: 120_000 });
    const startMs = plain.ms;
    await plain.stop();
    copyFileSync(file, copy);
    writeFileSync(`${copy}.journal`, journal, { mode: 0o600 });
    raw[name] = { start_ms: Math.round(startMs), ...(await measure(copy, dist, ctx)) };
    ctx.log(`snapshot stall (${name}): start ${raw[name].start_ms} ms; during the rewrite (${raw[name].rewrite_ms} ms): /health max ${raw[name].health_max_ms} ms (p99 ${raw[name].health_p99_ms}), write max ${raw[name].write_max_ms} ms over ${raw[name].writes} writes`);
  }
  return raw;
}

async function measure(file, dist, ctx) {
  const server = await startCli({ data: file, dist, timeoutMs: 180_000, nodeArgs: process.env.STALL_TRACE ? ['--trace-gc'] : [] });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const journalBytes = () => { try { return statSync(`${file}.journal`).size; } catch { return 0; } };
  const before = journalBytes();
  const health = [];
  const writes = [];
  let errors = 0;
  let running = true;
  const ticker = setInterval(() => {
    const t = performance.now();
    request(`${server.url}/health`, { agent }).then((res) => {
      if (res.status !== 200) errors++;
      health.push(performance.now() - t);
    }, () => { errors++; });
  }, TICK_MS);
  let n = 0;
  const writer = (async () => {
    while (running) {
      const body = JSON.stringify({ UserPoolId: poolId(1 + (n % 900)), ClientName: `stall-${n++}`, GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['orders/read'], AllowedOAuthFlowsUserPoolClient: true });
      const t = performance.now();
      const res = await request(`${server.url}/`, { method: 'POST', agent, body, timeoutMs: 60_000, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET } }).catch(() => ({ status: 0 }));
      if (res.status !== 200) errors++;
      writes.push(performance.now() - t);
    }
  })();
  // The first write starts the rewrite; it has ended when the journal has been cut.
  const t0 = performance.now();
  while (journalBytes() > before / 2 && performance.now() - t0 < (options.quick ? 20_000 : 120_000)) await new Promise((resolve) => setTimeout(resolve, 20));
  const rewriteMs = performance.now() - t0;
  await new Promise((resolve) => setTimeout(resolve, 500));
  running = false;
  clearInterval(ticker);
  await writer;
  await new Promise((resolve) => setTimeout(resolve, 200));
  agent.destroy();
  if (process.env.STALL_TRACE) ctx.log(server.output().split('\n').filter((l) => l.includes('Mark-Compact')).join('\n'));
  await server.stop();
  const sorted = [...health].sort((a, b) => a - b);
  ctx.log(`  ${health.length} /health probes, ${writes.length} writes, ${errors} errors`);
  return {
    rewrite_ms: Math.round(rewriteMs),
    health_max_ms: Math.round(sorted.at(-1) ?? 0),
    health_p99_ms: Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
    write_max_ms: Math.round(Math.max(0, ...writes)),
    writes: writes.length,
    probes: health.length,
    errors,
  };
}
