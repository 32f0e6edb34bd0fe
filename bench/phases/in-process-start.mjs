// In-process start through the testing API (lib/in-process-probe.mjs), pinned to the server core.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { options } from '../lib/options.mjs';
import { lastJson, runProcess } from '../lib/processes.mjs';
import { BENCH_CLIENT, benchFixture } from '../lib/stores.mjs';

const PROBE = fileURLToPath(new URL('../lib/in-process-probe.mjs', import.meta.url));

export async function inProcessStart(ctx) {
  const fixtureFile = join(ctx.work, 'bench-fixture.json');
  writeFileSync(fixtureFile, JSON.stringify(benchFixture(ctx.keys)), { mode: 0o600 });
  const spec = { dist: options.dist, runs: options.inProcessRuns, fixtureFile, client: BENCH_CLIENT };
  ctx.log(`in-process start: ${options.inProcessRuns} runs`);
  return lastJson(await runProcess([process.execPath, PROBE, JSON.stringify(spec)], { cpus: options.serverCpus }));
}
