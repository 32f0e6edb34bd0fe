import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

// The README's globalSetup recipe, run for real: a small vitest project (test/verifier/vitest-recipe/)
// whose global setup starts the mock and whose test reads it with inject('cognitoMock').

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const recipe = fileURLToPath(new URL('vitest-recipe/', import.meta.url));

it('runs a vitest project whose tests reach the mock started by vitestGlobalSetup', async () => {
  // The outer run's VITEST_* variables would make the inner vitest think it is a worker.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  const { stdout } = await run(process.execPath, [`${repo}node_modules/vitest/vitest.mjs`, 'run', '--root', recipe, '--reporter=json'],
    { cwd: repo, env, timeout: 60_000 });
  const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { numPassedTests: number; numFailedTests: number; success: boolean };
  expect({ passed: report.numPassedTests, failed: report.numFailedTests, success: report.success }).toEqual({ passed: 1, failed: 0, success: true });
}, 60_000);
