import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why `npm run build` failed in this run, or null when dist/ is fresh. */
    buildError: string | null;
  }
}

/**
 * Vitest global setup: builds `dist/` once per run, so the CLI and Docker-command tests spawn
 * exactly what `npm start` and the image run (Node 20 cannot run the `.ts` sources directly).
 * A failed build does not abort the run: the tests that need dist/ fail with its output
 * (`requireBuild()`), the others still run.
 */
export function setup(project: TestProject): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
  project.provide('buildError', build.status === 0 ? null : `npm run build failed (exit ${build.status}):\n${build.stdout}${build.stderr}`);
}
