import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README's code is the tested code: every code block in the verifier and testing sections names
// its source file and must equal it, with the repository's src/ imports shown as the package's
// entry points (what a user writes).

const repo = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', repo), 'utf8');
const exportsMap = (JSON.parse(readFileSync(new URL('package.json', repo), 'utf8')) as { exports: Record<string, unknown> }).exports;

const section = (name: string): string => {
  const start = readme.indexOf(`<!-- section: ${name} -->`);
  const end = readme.indexOf(`<!-- /section: ${name} -->`);
  expect(start, `README has the ${name} section`).toBeGreaterThanOrEqual(0);
  return readme.slice(start, end);
};

/** `../../src/verifier/index.js` → `cognito-mock/verifier` (and the same for testing). */
const asUserImports = (code: string): string =>
  code.replace(/(['"])(?:\.\.\/)+src\/(verifier|testing)\/index\.js\1/g, "'cognito-mock/$2'");

describe.each(['verifier', 'testing', 'aws-jwt-verify', 'sign-in'])('README section %s', (name) => {
  const text = section(name);
  const fences = [...text.matchAll(/^```/gm)].length / 2;
  const blocks = [...text.matchAll(/<!-- code: (\S+) -->\n```(?:ts|json)\n([\s\S]*?)^```$/gm)].map((m) => ({ path: m[1]!, code: m[2]! }));

  it('shows only code blocks that name their tested source file', () => {
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.length).toBe(fences);
  });

  it('shows each file exactly, imports mapped to the package exports', () => {
    for (const { path, code } of blocks) {
      expect(code, path).toBe(asUserImports(readFileSync(new URL(path, repo), 'utf8')));
    }
  });

  it('imports only entry points the package exports', () => {
    const imported = blocks.flatMap(({ code }) => [...code.matchAll(/from '(cognito-mock[^']*)'/g)].map((m) => m[1]!));
    for (const specifier of imported) expect(Object.keys(exportsMap)).toContain(specifier.replace('cognito-mock', '.'));
  });
});

it('shows the orders-api example and the globalSetup recipe', () => {
  expect([...readme.matchAll(/<!-- code: (\S+) -->/g)].map((m) => m[1])).toEqual(expect.arrayContaining([
    'examples/orders-api/app.ts',
    'examples/orders-api/orders-api.test.ts',
    'examples/aws-jwt-verify/mock-jwks-cache.ts',
    'examples/sign-in/people.test.ts',
    'test/verifier/vitest-recipe/cognito-mock.global-setup.ts',
    'test/verifier/vitest-recipe/orders.spec.ts',
  ]));
});
