// The running CLI server under load: RSS after N tokens (first, on the fresh server), then token
// throughput and latency at 1, 10 and 64 connections.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCli } from '../lib/cli-server.mjs';
import { tokenRequest } from '../lib/http.mjs';
import { runLoad } from '../lib/load.mjs';
import { options } from '../lib/options.mjs';
import { memoryOf } from '../lib/processes.mjs';
import { BENCH_CLIENT } from '../lib/stores.mjs';
import { verifyTokens } from '../lib/verify-tokens.mjs';

export async function tokenEndpoint(ctx) {
  const nodeArgs = options.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${ctx.files.profiles}`] : [];
  const server = await startCli({ data: ctx.files.normalStore, nodeArgs });
  const raw = { tokens: {}, tokens_served: 0 };
  const clientIds = new Set([BENCH_CLIENT.id]);
  const tokenLoad = async (spec) => {
    // Profiled: no repeats, so the profile's CPU time divides by exactly the tokens counted here.
    const run = await runLoad({ url: server.url, requests: [tokenRequest(BENCH_CLIENT)], expect: 'token', serverPid: server.pid, ...spec, ...(options.cpuProfile ? { retries: 0 } : {}) });
    raw.tokens_served += run.ok + run.errors;
    run.verification = await verifyTokens(server.url, run.samples, { clientIds });
    delete run.samples;
    return run;
  };
  try {
    ctx.log(`token server up in ${server.ms.toFixed(0)} ms at ${server.url} (pid ${server.pid})`);
    const before = memoryOf(server.pid);
    ctx.log(`RSS: ${options.rssTokens} tokens at 10 connections`);
    const rssRun = await tokenLoad({ connections: 10, amount: options.rssTokens, retries: 0 });
    await sleep(options.quick ? 200 : 1_000); // let the last responses' garbage be collected as it would be
    raw.rss = { before_mb: before.rssMb, ...prefixed(memoryOf(server.pid)), tokens: options.rssTokens, run: rssRun };

    ctx.log(`warm-up ${options.warmupSeconds} s`);
    await tokenLoad({ connections: 10, seconds: options.warmupSeconds, retries: 0 });
    for (const connections of options.tokenConnections) {
      ctx.log(`token load: ${connections} connection(s), ${options.seconds} s`);
      raw.tokens[connections] = await tokenLoad({ connections, seconds: options.seconds });
    }

    raw.after_mb = memoryOf(server.pid).rssMb;
  } finally {
    raw.exit = await server.stop();
  }
  if (options.cpuProfile) {
    raw.profile = readdirSync(ctx.files.profiles).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(ctx.files.profiles, f)).at(-1);
  }
  return raw;
}

const prefixed = ({ rssMb, hwmMb }) => ({ after_mb: rssMb, hwm_mb: hwmMb });
