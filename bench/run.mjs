// `npm run bench`: builds the server, runs every phase of the benchmark with the server
// pinned to one core and the load on the other, prints one table (stdout; progress on stderr)
// and writes the figures as JSON (bench/results/latest.json). What each figure means and every
// knob: bench/README.md. Exit 0 when every phase ran without errors, 1 otherwise.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIGURE_KEYS, buildFigures } from './lib/figures.mjs';
import { failedStops, startCli } from './lib/cli-server.mjs';
import { canPin, machine, pinSelf } from './lib/machine.mjs';
import { REPO, options } from './lib/options.mjs';
import { summarizeProfile } from './lib/profile-summary.mjs';
import { BENCH_POOL_ID, benchKeys, writeStore } from './lib/stores.mjs';
import { formatTable } from './lib/table.mjs';
import { bigStore } from './phases/big-store.mjs';
import { bigUsers } from './phases/big-users.mjs';
import { coldStart } from './phases/cold-start.mjs';
import { inProcessStart } from './phases/in-process-start.mjs';
import { management } from './phases/management.mjs';
import { peers } from './phases/peers.mjs';
import { signIn } from './phases/sign-in.mjs';
import { signingLimit } from './phases/signing-limit.mjs';
import { snapshotStall } from './phases/snapshot-stall.mjs';
import { tokenEndpoint } from './phases/token-endpoint.mjs';
import { requestLog } from './phases/request-log.mjs';
import { unpinned } from './phases/unpinned.mjs';
import { wellKnown } from './phases/well-known.mjs';

const t0 = performance.now();
const loadAverageAtStart = loadavg();
// The bench chooses every flag itself; a COGNITO_MOCK_* variable in the caller's shell would change what is measured.
for (const name of Object.keys(process.env)) if (name.startsWith('COGNITO_MOCK_')) delete process.env[name];
const log = (message) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);

const selfPinned = pinSelf(options.loadCpus);
const serverPinned = canPin(options.serverCpus);
log(`${machine.nproc} CPUs (${machine.cpu}), node ${machine.node}; server on CPU ${serverPinned ? options.serverCpus : 'any (not pinned)'}, load on CPU ${selfPinned ? options.loadCpus : 'any (not pinned)'}${options.quick ? '; QUICK pass' : ''}`);

if (options.build) {
  log('building: npm run build');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'inherit' });
  if (build.status !== 0) { log('build failed'); process.exit(2); }
}
if (!options.givenDist) {
  rmSync(options.dist, { recursive: true, force: true });
  cpSync(join(REPO, 'dist'), options.dist, { recursive: true });
}
log(`running the build in ${relative(REPO, options.dist)}`);

const work = join(options.runDir, 'work');
mkdirSync(work, { recursive: true });
const ctx = { work, log, files: { profiles: join(REPO, 'bench/results/profiles') } };
if (options.cpuProfile) mkdirSync(ctx.files.profiles, { recursive: true });

const raw = {};
const phaseErrors = {};
async function phase(name, fn) {
  if (options.only && !options.only.includes(name)) return undefined;
  try {
    return await fn();
  } catch (error) {
    phaseErrors[name] = error.message.split('\n')[0];
    log(`${name} FAILED: ${error.stack ?? error.message}`);
    return undefined;
  }
}

try {
  log('keys and stores');
  ctx.keys = await benchKeys(options.quick ? 2 : 4);
  ctx.files.benchAccessKey = join(work, 'bench-access.pem');
  writeFileSync(ctx.files.benchAccessKey, ctx.keys.bench.access, { mode: 0o600 });
  ctx.files.normalStore = join(work, 'store.json');
  await writeStore(ctx.files.normalStore, ctx.keys, { pools: 1, clients: 1 });
  // One untimed start stores keys for the built-in fixture pool, so no later start generates keys;
  // the other stores get that pool copied in.
  const first = await startCli({ data: ctx.files.normalStore });
  await first.stop();
  raw.first_start_ms = first.ms;
  // The store is a snapshot plus a journal: read it as the server does.
  const { readStoreFile } = await import(pathToFileURL(join(options.dist, 'store', 'store.js')).href);
  const stored = (await readStoreFile(ctx.files.normalStore)).pools;
  ctx.examplePools = Object.fromEntries(Object.entries(stored).filter(([id]) => id !== BENCH_POOL_ID));
  log(`first start (generates the built-in pool's keys): ${first.ms.toFixed(0)} ms`);

  raw.signing = await phase('signing', async () => {
    log(`signing limit: ${options.signSeconds} s`);
    return { before: await signingLimit(ctx) };
  });
  raw.token = await phase('token', () => tokenEndpoint(ctx));
  await phase('signing', async () => {
    log(`signing limit again: ${options.signSeconds} s`);
    raw.signing.after = await signingLimit(ctx);
    log(`signing limit: ${raw.signing.before.tokens_per_s} then ${raw.signing.after.tokens_per_s} tokens/s`);
  });
  raw.unpinned = await phase('unpinned', () => unpinned(ctx));
  raw.requestLog = await phase('requestLog', () => requestLog(ctx));
  raw.wellKnown = await phase('wellKnown', () => wellKnown(ctx));
  raw.coldStart = await phase('coldStart', () => coldStart(ctx));
  raw.inProcess = await phase('inProcess', () => inProcessStart(ctx));
  raw.bigStore = await phase('bigStore', () => bigStore(ctx));
  raw.bigUsers = await phase('bigUsers', () => bigUsers(ctx));
  raw.snapshotStall = await phase('snapshotStall', () => snapshotStall(ctx));
  raw.management = await phase('management', () => management(ctx));
  raw.signIn = await phase('signIn', () => signIn(ctx));
  raw.peers = await phase('peers', () => peers(ctx));
} catch (error) {
  phaseErrors.setup = error.message.split('\n')[0];
  log(`setup FAILED: ${error.stack ?? error.message}`);
}

const figures = buildFigures(raw, phaseErrors);
const errors = [
  ...failedStops,
  ...Object.entries(phaseErrors).map(([name, message]) => `phase ${name}: ${message}`),
  ...FIGURE_KEYS.filter((k) => figures[k].errors > 0).map((k) => `${k}: ${figures[k].errors} error(s) ${JSON.stringify(figures[k].detail?.errors_by_type ?? figures[k].detail?.status_codes ?? figures[k].detail?.error ?? '')}`),
];
let profile;
if (raw.token?.profile) {
  profile = summarizeProfile(raw.token.profile);
  log(`CPU profile of the token server: ${relative(REPO, raw.token.profile)} (node bench/lib/profile-summary.mjs <file>)`);
}

const result = {
  bench: 'cognito-mock',
  date: new Date().toISOString(),
  command: `${options.quick ? 'BENCH_QUICK=1 ' : ''}npm run bench`,
  quick: options.quick,
  machine: { ...machine, load_average: { start: loadAverageAtStart, end: loadavg() }, server_cpus: serverPinned ? options.serverCpus : 'unpinned', load_cpus: selfPinned ? options.loadCpus : 'unpinned' },
  settings: { ...options, dist: relative(REPO, options.dist), out: relative(REPO, options.out), peersDir: relative(REPO, options.peersDir) },
  duration_s: Math.round((performance.now() - t0) / 1000),
  figures,
  errors,
  ...(profile ? { profile } : {}),
  raw,
};
mkdirSync(dirname(options.out), { recursive: true });
writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
if (!options.keepWork) rmSync(options.runDir, { recursive: true, force: true });

process.stdout.write(`\ncognito-mock bench: ${machine.nproc} CPUs (${machine.cpu}), node ${machine.node}, server on CPU ${result.machine.server_cpus}, load on CPU ${result.machine.load_cpus}${options.quick ? ', QUICK pass (figures not meaningful)' : ''}\n\n`);
process.stdout.write(`${formatTable(figures)}\n\n`);
if (raw.signIn) {
  const s = raw.signIn;
  const line = (pick) => ['m2m', 'password', 'refresh', 'srp', 'hosted'].map((name) => `${name} ${pick(s[name])}`).join(', ');
  process.stdout.write(`sign-ins beside M2M tokens (one server, same run): per second ${line((r) => r.per_s)}; per server CPU second ${line((r) => r.per_server_cpu_s)}\n`);
}
if (raw.peers) {
  const p = raw.peers;
  const about = (name, r) => (r?.measured ? `${name} ${r.version} measured` : `${name} not measured (${r?.reason ?? p.skipped})`);
  process.stdout.write(`peers: ${about('oauth2-mock-server', p.oauth2MockServer)}; ${about('cognito-local', p.cognitoLocal)}${p.install ? ` (install ${p.install.cached ? 'cached' : `${p.install.ms} ms`})` : ''}\n`);
}
process.stdout.write('\n');
if (profile) {
  const perToken = Math.round((profile.busy_ms * 1000) / raw.token.tokens_served);
  process.stdout.write(`token server CPU profile: busy ${profile.busy_ms} ms for ${raw.token.tokens_served} token requests = ${perToken} µs each (profiling slows the server: this run's figures are not comparable):\n`);
  for (const p of profile.packages.slice(0, 10)) process.stdout.write(`  ${String(p.pct).padStart(5)}%  ${p.name}\n`);
  for (const f of profile.functions.slice(0, 15)) process.stdout.write(`  ${String(f.pct).padStart(5)}%  ${f.name}\n`);
  process.stdout.write('\n');
}
const noisy = FIGURE_KEYS.filter((k) => (figures[k].noise_pct ?? 0) > 10);
if (noisy.length) process.stdout.write(`NOISE: other processes used more than 10% of the server's core during ${noisy.join(', ')}; rerun on a quiet machine before trusting those.\n`);
const clientBound = FIGURE_KEYS.filter((k) => (figures[k].loadgen_pct ?? 0) > 90);
if (clientBound.length) process.stdout.write(`LOAD GENERATOR: it used more than 90% of its core during ${clientBound.join(', ')}; those figures may be limited by the client, not the server.\n`);
process.stdout.write(errors.length ? `ERRORS:\n${errors.map((e) => `  ${e}`).join('\n')}\n` : 'no errors\n');
process.stdout.write(`written: ${relative(REPO, options.out)} (${result.duration_s} s)\n`);
process.exit(errors.length ? 1 : 0);
