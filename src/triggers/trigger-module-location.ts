import { realpathSync } from 'node:fs';
import { sep } from 'node:path';

// Where a trigger module named through the (unauthenticated) management API may lie: inside the
// triggers directory the operator chose, symbolic links resolved, and never under node_modules.
// Installed packages carry executables (node_modules/.bin/tsc and the like) whose top level runs
// a CLI: importing one as a trigger would run it in the server's name.

/** Why a module is refused, for InvalidParameterException and the trigger failure alike. */
export const WHERE_API_TRIGGERS_MAY_LIE = 'trigger modules set through the API must lie in the triggers directory (--triggers-dir; default: the fixtures directory), outside node_modules (SECURITY.md)';

/** Whether the file at `path` (links resolved) lies inside `dir` and outside any node_modules. */
export function liesInTriggersDir(dir: string | undefined, path: string): boolean {
  if (dir === undefined) return false;
  const real = realPath(path);
  if (real === undefined || !real.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return false;
  return !real.split(sep).includes('node_modules');
}

/** The directory with links resolved, or undefined when it does not exist. */
export function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
