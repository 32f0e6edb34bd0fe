import { posix } from 'node:path';
import { dockerPattern } from './dockerfile-glob.js';

interface IgnoreRule {
  pattern: string;
  regex: RegExp;
  /** A `!` line: takes a path back into the context. */
  exception: boolean;
}

/** Which paths of the build context `.dockerignore` leaves out, by Docker's rules. */
export interface DockerIgnore {
  /** True when `path` (relative to the context, `/`-separated) is not sent to the build. */
  excludes(path: string): boolean;
  /** True when some `!` line could take back a path below an excluded directory. */
  hasExceptions: boolean;
}

/**
 * Reads `.dockerignore` as BuildKit does: `#` lines are comments, lines are trimmed, each pattern is
 * cleaned (`./a//b/` → `a/b`) with a leading `/` dropped (patterns are relative to the context),
 * and the last line that matches a path decides. A line matches a path when it matches the path
 * itself or one of its parent directories, so `dist` leaves out everything under `dist/`.
 */
export function parseDockerIgnore(text: string): DockerIgnore {
  const rules: IgnoreRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('#')) continue;
    let pattern = line.trim();
    const exception = pattern.startsWith('!');
    if (exception) pattern = pattern.slice(1).trim();
    if (pattern === '') continue;
    pattern = posix.normalize(pattern).replace(/\/+$/, '');
    if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    rules.push({ pattern, regex: dockerPattern(pattern, 'dockerignore'), exception });
  }
  return {
    hasExceptions: rules.some((rule) => rule.exception),
    excludes(path: string): boolean {
      const parts = path.split('/');
      const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
      let excluded = false;
      for (const rule of rules) {
        // As moby's matcher: only a rule that could change the verdict is evaluated.
        if (rule.exception !== excluded) continue;
        if (candidates.some((candidate) => rule.regex.test(candidate))) excluded = !rule.exception;
      }
      return excluded;
    },
  };
}
