/**
 * Docker's two kinds of path pattern as regular expressions over `/`-separated paths relative to the
 * build context.
 *
 * - COPY sources use Go's `filepath.Match`: `*` and `?` never cross a `/`, `[...]` is a class
 *   (`[^...]` negated), `\` escapes the next character.
 * - `.dockerignore` lines use the same syntax plus `**`, which matches any number of directories,
 *   zero included (moby's patternmatcher: `**` at the end matches everything below, `**\/` anywhere
 *   may stand for nothing).
 */
export function dockerPattern(pattern: string, kind: 'copy' | 'dockerignore'): RegExp {
  let source = '^';
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i]!;
    if (ch === '*' && pattern[i + 1] === '*' && kind === 'dockerignore') {
      i += 1;
      if (pattern[i + 1] === '/') i += 1;
      source += i + 1 === pattern.length ? '.*' : '(?:.*/)?';
    } else if (ch === '*') {
      source += '[^/]*';
    } else if (ch === '?') {
      source += '[^/]';
    } else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new Error(`unterminated [ in the pattern ${JSON.stringify(pattern)}`);
      const body = pattern.slice(i + 1, end);
      source += `[${body.startsWith('^') ? `^/${body.slice(1)}` : body}]`;
      i = end;
    } else if (ch === '\\' && i + 1 < pattern.length) {
      i += 1;
      source += escapeRegExp(pattern[i]!);
    } else {
      source += escapeRegExp(ch);
    }
  }
  return new RegExp(`${source}$`);
}

/** True when the pattern has a character that `filepath.Match` treats specially. */
export function hasWildcard(pattern: string): boolean {
  return /[*?[\\]/.test(pattern);
}

function escapeRegExp(ch: string): string {
  return /[.+^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}
