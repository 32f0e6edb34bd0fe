import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// No file under src/ imports from a layer above its own: domain code cannot reach a protocol's
// shapes, the store cannot reach the registry, and so on (README "Development").

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Bottom to top; a file's layer is the first entry whose path prefix it has. */
const LAYERS: readonly { name: string; paths: readonly string[] }[] = [
  { name: 'model', paths: ['model/', 'clock.ts'] },
  { name: 'infrastructure', paths: ['store/', 'keys/', 'tokens/'] },
  { name: 'domain', paths: ['domain/', 'registry.ts', 'triggers/'] },
  { name: 'edges', paths: ['oauth/', 'hosted/', 'console/', 'management/', 'http/', 'routes/', 'middleware/', 'faults/', 'errors.ts', 'context.ts'] },
  { name: 'application', paths: ['app.ts', 'server.ts', 'config.ts', 'cli.ts', 'index.ts', 'testing/'] },
];
/** Stands alone: services import it in production, with nothing of the mock. */
const VERIFIER = 'verifier/';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(file: string): number {
  const index = LAYERS.findIndex((layer) => layer.paths.some((prefix) => file.startsWith(prefix)));
  if (index < 0) throw new Error(`src/${file} belongs to no layer: add it to LAYERS`);
  return index;
}

/** The src/-relative files a module imports (static imports, re-exports and dynamic imports). */
function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/gm)].map((m) => m[1] ?? m[2]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(SRC, resolve(dirname(path), s)).replace(/\.js$/, '.ts'));
}

const files = sourceFiles(SRC).map((path) => ({ path, file: relative(SRC, path) }));

describe('layers of src/', () => {
  it('puts every file in a layer', () => {
    for (const { file } of files) if (!file.startsWith(VERIFIER)) expect(() => layerOf(file)).not.toThrow();
  });

  it('imports only from the same layer or below', () => {
    const upward: string[] = [];
    for (const { path, file } of files) {
      if (file.startsWith(VERIFIER)) continue;
      for (const imported of importsOf(path)) {
        if (imported.startsWith(VERIFIER)) continue;
        if (layerOf(imported) > layerOf(file)) upward.push(`${file} (${LAYERS[layerOf(file)]!.name}) imports ${imported} (${LAYERS[layerOf(imported)]!.name})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps the verifier free of the mock', () => {
    const outside = files.filter(({ file }) => file.startsWith(VERIFIER))
      .flatMap(({ path, file }) => importsOf(path).filter((imported) => !imported.startsWith(VERIFIER)).map((imported) => `${file} imports ${imported}`));
    expect(outside).toEqual([]);
  });
});
