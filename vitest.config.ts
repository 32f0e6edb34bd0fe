import { configDefaults, defineConfig } from 'vitest/config';

/** Tests that take tens of seconds each or drive outside tools: run by `npm test`, apart with `npm run test:slow`. */
const SLOW = [
  'test/integration/bench-smoke.test.ts',
  'test/integration/dockerfile.test.ts',
  'test/integration/awscli.test.ts',
  'test/integration/terraform.test.ts',
  'test/integration/terraform-users.test.ts',
  'test/integration/readme-shell.test.ts',
  'test/robustness/load.test.ts',
  'test/robustness/crash-sigkill.test.ts',
  'test/robustness/crash-sign-in.test.ts',
  'test/robustness/big-store.test.ts',
  'test/verifier/vitest-recipe.test.ts',
];

/** The CLI, Docker and packaging tests spawn the built server: one `npm run build` per run. */
const BUILD = ['test/support/build.ts'];

export default defineConfig({
  test: {
    // Vitest's default is one worker per core less one: on a 2-core runner, one file at a time.
    // Most files wait on servers, browsers and spawned tools rather than compute, so two at a
    // time take about two thirds of the time (522 s → 346 s for `npm test` on 2 cores).
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      // Pure functions: no build, no server, seconds.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/**', ...SLOW],
          globalSetup: BUILD,
        },
      },
      { extends: true, test: { name: 'slow', include: SLOW, globalSetup: BUILD } },
    ],
  },
});
