// Drives load at a server from the load core: each run is a fresh autocannon process
// (load-worker.mjs), so one run's garbage and JIT state never leak into the next.
import { fileURLToPath } from 'node:url';
import { canPin, machine } from './machine.mjs';
import { options } from './options.mjs';
import { lastJson, runProcess } from './processes.mjs';

const WORKER = fileURLToPath(new URL('./load-worker.mjs', import.meta.url));

/** The server's core as a number, when the server is pinned to exactly one (for the noise figure). */
export const serverCore = () => singleCore(options.serverCpus);
const singleCore = (cpus) => (canPin(cpus) && /^\d+$/.test(cpus) ? Number(cpus) : undefined);

/**
 * spec: {url (base), requests [{method, path, headers, body}] (cycled per connection), connections,
 * seconds | amount, expect: 'token' | 'exact', expectBody, serverPid, sampleEvery, maxSamples, retries}.
 * Resolves the worker's figures: {ok, rps, p50_ms, p99_ms, errors, …, samples (tokens)}.
 * A run disturbed by other processes on the server's core is repeated (see options.noiseRetries).
 */
export async function runLoad(spec) {
  // `unpinned`: the generator may use every core, like the server; no core is the server's alone,
  // so there is no per-core noise to read (the runs are not repeated for noise either).
  const cpus = spec.unpinned ? allCpus() : options.loadCpus;
  const full = { sampleEvery: 97, maxSamples: 40, ...(spec.unpinned ? {} : { serverCore: serverCore(), loadCore: singleCore(options.loadCpus) }), ...spec };
  return leastNoisy(spec.unpinned ? 0 : spec.retries ?? options.noiseRetries, async () =>
    lastJson(await runProcess([process.execPath, WORKER, JSON.stringify(full)], { cpus })));
}

/**
 * Every core as a taskset list. The bench pins itself to the load core and children inherit
 * that, so a process meant to run free must be given all cores explicitly.
 */
export const allCpus = () => `0-${machine.nproc - 1}`;

/**
 * Runs `measure` until other processes used at most options.noiseRetryPct of the server's core
 * and of the load core (foreign_cpu_pct, load_core_foreign_pct), `retries` extra times at most; keeps the least disturbed result,
 * with every attempt's noise and the errors of the discarded ones (errors are never dropped).
 */
export async function leastNoisy(retries, measure) {
  let best;
  const noise = [];
  let discardedErrors = 0;
  for (let attempt = 0; attempt <= retries; attempt++) {
    const run = await measure();
    run.noise_pct = Math.max(run.foreign_cpu_pct ?? 0, run.load_core_foreign_pct ?? 0);
    noise.push(run.noise_pct);
    if (!best) best = run;
    else if (run.noise_pct < best.noise_pct) { discardedErrors += best.errors ?? 0; best = run; }
    else discardedErrors += run.errors ?? 0;
    if (run.noise_pct <= options.noiseRetryPct) break;
  }
  return { ...best, attempts_noise_pct: noise, errors_in_discarded_attempts: discardedErrors };
}
