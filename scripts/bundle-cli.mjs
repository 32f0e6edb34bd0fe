// Bundles the CLI into dist/cli.js (over tsc's output of it): one file instead of ~150 modules
// of koa, @koa/router, lowdb and ours, which is what most of a cold start's time goes to on Node 20
// (no module compile cache before Node 22). The management API and /_mock stay in lazily loaded
// chunks, so a cold start to the first token parses only what the token path needs. The library
// entry points (`.`, `./testing`, `./verifier`) stay unbundled tsc output.
import { createRequire } from 'node:module';
import { build } from 'esbuild';

// koa loads mime-db (the MIME types of 2,500 media types, about 290 KB of the bundle, twice over
// through `accepts`) before the first request. The server names only a few types, and Koa guesses
// only `html`, `text`, `json` and `bin` for bodies: the bundle carries just those entries, which
// takes their parse off every cold start. Lookups of other types answer as for an unknown type.
const BUNDLED_MEDIA_TYPES = [
  'application/json', 'application/octet-stream', 'application/x-www-form-urlencoded', 'application/x-amz-json-1.1',
  'application/javascript', 'text/javascript', 'text/html', 'text/plain', 'text/css', 'image/png', 'image/svg+xml',
];
const mimeDb = createRequire(import.meta.url)('mime-db');
const bundledMimeDb = Object.fromEntries(BUNDLED_MEDIA_TYPES.filter((type) => mimeDb[type]).map((type) => [type, mimeDb[type]]));
const smallMimeDb = {
  name: 'small-mime-db',
  setup(build) {
    build.onResolve({ filter: /^mime-db$/ }, () => ({ path: 'mime-db', namespace: 'small-mime-db' }));
    build.onLoad({ filter: /.*/, namespace: 'small-mime-db' }, () => ({ contents: `module.exports = ${JSON.stringify(bundledMimeDb)};`, loader: 'js' }));
  },
};

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
  plugins: [smallMimeDb],
});
