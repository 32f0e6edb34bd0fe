// Bundles the CLI into dist/cli.js (over tsc's output of it): one file instead of ~150 modules
// of koa, @koa/router, lowdb and ours, which is what most of a cold start's time goes to on Node 20
// (no module compile cache before Node 22). The management API and /_mock stay in lazily loaded
// chunks, so a cold start to the first token parses only what the token path needs. The library
// entry points (`.`, `./testing`, `./verifier`) stay unbundled tsc output.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  chunkNames: 'cli-chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // koa's CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
