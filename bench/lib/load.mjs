// Drives load at a server from the load core: each run is a fresh autocannon process
// (load-worker.mjs), so one run's garbage and JIT state never leak into the next.
import { fileURLToPath } from 'node:url';
import { canPin } from './machine.mjs';
import { options } from './options.mjs';
import { lastJson, runProcess } from './processes.mjs';

const WORKER = fileURLToPath(new URL('./load-worker.mjs', import.meta.url));

/**
 * spec: {url (base), requests [{method, path, headers, body}] (cycled per connection), connections,
 * seconds | amount, expect: 'token' | 'exact', expectBody, serverPid, sampleEvery, maxSamples}.
 * Resolves the worker's figures: {ok, rps, p50_ms, p99_ms, errors, …, samples (tokens)}.
 */
export async function runLoad(spec) {
  const serverCore = canPin(options.serverCpus) && /^\d+$/.test(options.serverCpus) ? Number(options.serverCpus) : undefined;
  const full = { sampleEvery: 97, maxSamples: 40, serverCore, ...spec };
  return lastJson(await runProcess([process.execPath, WORKER, JSON.stringify(full)], { cpus: options.loadCpus }));
}
