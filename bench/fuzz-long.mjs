#!/usr/bin/env node
// The long run of the property-based robustness tests: the same properties `npm test`
// runs with fixed seeds and bounded runs, here with many more runs and a fresh seed each time.
//
//   npm run fuzz                                  # 20,000 runs per property, random seed
//   npm run fuzz -- --runs 100000 --seed 1234     # reproduce or extend a run
//   npm run fuzz -- --crash-rounds 200            # also SIGKILL the CLI 200 times
//
// A failure prints fast-check's counterexample and the seed; `--seed <n>` replays it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const runs = option('runs', '20000');
const seed = option('seed', String(Math.floor(Math.random() * 2 ** 31)));
const crashRounds = option('crash-rounds', undefined);

const files = [
  'test/robustness/fuzz-token-endpoint.test.ts',
  'test/robustness/fuzz-management-api.test.ts',
  'test/robustness/hand-edited-store.test.ts',
  ...(crashRounds === undefined ? [] : ['test/robustness/crash-sigkill.test.ts']),
];
console.log(`fuzz: ${runs} runs per property, seed ${seed}${crashRounds === undefined ? '' : `, ${crashRounds} crash rounds`}`);
const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const result = spawnSync(process.execPath, [vitest, 'run', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed, ...(crashRounds === undefined ? {} : { CRASH_ROUNDS: crashRounds }) },
});
console.log(`fuzz: seed ${seed} ${result.status === 0 ? 'passed' : 'FAILED'}`);
process.exit(result.status ?? 1);
