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
