import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The app directory of this run's build (package.json, node_modules, dist/, fixtures/). */
    appDir: string;
    /** Why `npm run build` failed in this run, or null when it succeeded. */
    buildError: string | null;
  }
}

/**
 * Vitest global setup: `npm run build` once per run, so the CLI tests spawn the
 * built output, as `npm start` and the image do (Node 20 cannot run the `.ts` sources directly).
 *
 * The fresh dist/ is then copied into a directory laid out like the image's WORKDIR (package.json,
 * node_modules, dist/, fixtures/), and the tests run that copy: an `npm start` or another test run
 * rebuilding the repository's dist/ meanwhile cannot hand them a half-written file.
 * A failed build does not abort the run: the tests that need it fail with its output
 * (`requireBuild()`), the others still run.
 */
export function setup(project: TestProject): () => void {
  const build = buildOnce();
  build.users++;
  project.provide('appDir', build.appDir);
  project.provide('buildError', build.error);
  return () => {
    if (--build.users === 0) rmSync(build.appDir, { recursive: true, force: true });
  };
}

interface Build {
  appDir: string;
  error: string | null;
  /** Projects still using the app directory: the last one's teardown removes it. */
  users: number;
}

/** Every test project of a run that needs the build shares one (vitest runs each project's global setup in this one process). */
function buildOnce(): Build {
  const shared = globalThis as typeof globalThis & { cognitoMockTestBuild?: Build };
  if (shared.cognitoMockTestBuild && shared.cognitoMockTestBuild.users > 0) return shared.cognitoMockTestBuild;
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
  const appDir = mkdtempSync(join(tmpdir(), 'cognito-mock-app-'));
  copyFileSync(join(root, 'package.json'), join(appDir, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(appDir, 'node_modules'), 'dir');
  symlinkSync(join(root, 'fixtures'), join(appDir, 'fixtures'), 'dir');
  if (build.status === 0) cpSync(join(root, 'dist'), join(appDir, 'dist'), { recursive: true });
  const error = build.status === 0 ? null : `npm run build failed (exit ${build.status}):\n${build.stdout}${build.stderr}`;
  shared.cognitoMockTestBuild = { appDir, error, users: 0 };
  return shared.cognitoMockTestBuild;
}
