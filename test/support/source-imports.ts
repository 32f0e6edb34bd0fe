import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's src/ directory. */
export const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/**
 * How a module reaches another: `static` runs it when the importer loads, `type` is erased by the
 * compiler (`import type`, `export type`), `dynamic` loads it on first use (`import()`).
 */
export type ImportKind = 'static' | 'type' | 'dynamic';

/** The src/-relative `.ts` files a module under src/ imports, each with how it does. */
export function importsOf(file: string): { file: string; kind: ImportKind }[] {
  const path = resolve(SRC, file);
  const text = readFileSync(path, 'utf8');
  const found = [...text.matchAll(/(?:^|\s)(import|export)\s+(type\s)?[^'";]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/gm)].map((m) => ({
    specifier: m[3] ?? m[4]!,
    kind: (m[4] !== undefined ? 'dynamic' : m[2] !== undefined ? 'type' : 'static') as ImportKind,
  }));
  return found.filter(({ specifier }) => specifier.startsWith('.'))
    .map(({ specifier, kind }) => ({ file: relative(SRC, resolve(dirname(path), specifier)).replace(/\.js$/, '.ts'), kind }));
}

/** Every src/ file that loading `entry` runs: its static imports, and theirs, transitively (entry included). */
export function loadedWith(entry: string): Set<string> {
  const loaded = new Set<string>();
  const visit = (file: string): void => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const imported of importsOf(file)) if (imported.kind === 'static') visit(imported.file);
  };
  visit(entry);
  return loaded;
}

/** The static import cycles among `files` (each as the path that closes it), e.g. `a.ts → b.ts → a.ts`. */
export function importCycles(files: ReadonlySet<string>): string[] {
  const cycles: string[] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]): void => {
    const at = path.indexOf(file);
    if (at >= 0) {
      cycles.push([...path.slice(at), file].join(' → '));
      return;
    }
    if (done.has(file)) return;
    for (const imported of importsOf(file)) {
      if (imported.kind === 'static' && files.has(imported.file)) visit(imported.file, [...path, file]);
    }
    done.add(file);
  };
  for (const file of files) visit(file, []);
  return cycles;
}
