import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** A directory that {@link useTempDir} makes before and removes after the tests. */
export interface TempDir {
  /** The directory; only inside tests and the hooks registered after `useTempDir`. */
  readonly path: string;
  /** A path inside it, e.g. `tmp.join('db.json')` for a store file. */
  join(...parts: string[]): string;
}

/**
 * A fresh `cognito-mock-<name>-*` directory under the system's temp dir, for each test (`each`, the
 * default) or for all the tests of the file or describe block (`all`), removed with everything in it
 * afterwards. Call it before the hooks that use it: vitest runs before-hooks in order and after-hooks
 * in reverse, so a mock or CLI those hooks start has stopped before its directory goes.
 *
 * @example
 * const tmp = useTempDir('store');
 * it('keeps its state', async () => { const mock = await startCognitoMock({ data: tmp.join('db.json') }); … });
 */
export function useTempDir(name: string, scope: 'each' | 'all' = 'each'): TempDir {
  let dir: string | undefined;
  const [before, after] = scope === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => { dir = await mkdtemp(join(tmpdir(), `cognito-mock-${name}-`)); });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const path = (): string => {
    if (!dir) throw new Error(`the temp directory ${name} exists only inside tests and the hooks registered after useTempDir`);
    return dir;
  };
  return {
    get path() { return path(); },
    join: (...parts) => join(path(), ...parts),
  };
}
