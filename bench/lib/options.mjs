// Every knob of `npm run bench`, read once from the environment (bench/README.md lists them).
// BENCH_QUICK=1 shrinks every phase to about a second and small counts: the smoke test's pass.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

const env = process.env;
const quick = env.BENCH_QUICK === '1';
const number = (name, fallback) => {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${text}"`);
  return value;
};

export const options = {
  quick,
  /** BENCH_ONLY=signIn,token: run only these phases (the others' figures are then absent). */
  only: env.BENCH_ONLY ? env.BENCH_ONLY.split(',') : undefined,
  /** Seconds per measured load run (token, JWKS, discovery, big store). */
  seconds: number('BENCH_SECONDS', quick ? 1 : 5),
  /** Seconds of untimed load before the first measured token run (JIT, lazy key import). */
  warmupSeconds: number('BENCH_WARMUP_SECONDS', quick ? 0.5 : 2),
  /** Seconds per signing-limit loop (run twice: before and after the token runs). */
  signSeconds: number('BENCH_SIGN_SECONDS', quick ? 0.5 : 3),
  tokenConnections: [1, 10, 64],
  wellKnownConnections: 10,
  /** Alternating rounds (cognito-mock, reference) for JWKS and discovery, and for the big store. */
  wellKnownRounds: quick ? 1 : 2,
  bigStoreRounds: quick ? 1 : 3,
  rssTokens: quick ? 500 : 10_000,
  coldStartRuns: number('BENCH_COLD_RUNS', quick ? 2 : 5),
  inProcessRuns: number('BENCH_IN_PROCESS_RUNS', quick ? 3 : 20),
  bigStore: quick ? { pools: 20, clients: 2_000 } : { pools: 1_000, clients: 100_000 },
  bigStoreStartRuns: number('BENCH_BIG_START_RUNS', quick ? 1 : 3),
  /** Distinct clients (each in its own pool) the big-store token run cycles through. */
  bigStoreClientsUsed: quick ? 10 : 100,
  managementCreates: quick ? 50 : 1_000,
  managementParallel: 32,
  /** Store sizes (clients) of the sequential-create curve; keys in the JSON keep the full-run names. */
  curveSizes: quick ? [100, 300, 500] : [1_000, 10_000, 50_000],
  curveKeys: ['1k', '10k', '50k'],
  /** Creates per curve point, and the most seconds one point may take (then it extrapolates). */
  curveCreates: quick ? 50 : 1_000,
  curveBudgetSeconds: number('BENCH_CURVE_BUDGET_SECONDS', quick ? 2 : 20),
  clientsPerPool: 100,
  /** A measured run during which other processes used more than this share (%) of the server's core is repeated… */
  noiseRetryPct: number('BENCH_NOISE_PCT', 10),
  /** …at most this many times (0 turns it off); the least noisy attempt is kept, errors of all are counted. */
  noiseRetries: env.BENCH_NOISE_RETRIES === '0' ? 0 : number('BENCH_NOISE_RETRIES', quick ? 0 : 2),
  serverCpus: env.BENCH_SERVER_CPUS ?? '0',
  loadCpus: env.BENCH_LOAD_CPUS ?? '1',
  /**
   * The build the bench runs. By default `npm run build`, then a copy of dist/ in this run's own
   * directory, so a rebuild of dist/ while the bench runs cannot hand it half-written files.
   * BENCH_DIST names an existing build to run as is (the smoke test passes the test run's copy).
   */
  dist: resolve(REPO, env.BENCH_DIST || `bench/results/run-${process.pid}/dist`),
  /** This run's scratch directory (the copy of dist/, generated stores); removed at the end. */
  runDir: resolve(REPO, `bench/results/run-${process.pid}`),
  givenDist: env.BENCH_DIST !== undefined && env.BENCH_DIST !== '',
  build: env.BENCH_SKIP_BUILD !== '1' && !(env.BENCH_DIST !== undefined && env.BENCH_DIST !== ''),
  out: resolve(REPO, env.BENCH_OUT ?? 'bench/results/latest.json'),
  /** Keep this run's directory (generated stores, the copy of dist/). */
  keepWork: env.BENCH_KEEP_WORK === '1',
  cpuProfile: env.BENCH_CPU_PROF === '1',
  /** Alternating rounds of the unpinned phase (cognito-mock, Koa + jose, Koa + node:crypto, all on every core). */
  unpinnedRounds: quick ? 1 : 2,
  /**
   * The peers (oauth2-mock-server, cognito-local) installed from npm and measured beside ours.
   * Off with `--no-peers`, BENCH_NO_PEERS=1, and in the quick pass (the smoke test runs offline-safe).
   */
  peers: !quick && env.BENCH_NO_PEERS !== '1' && !process.argv.includes('--no-peers'),
  /** Where the peers are installed, kept between runs (gitignored): a second run does not reinstall. */
  peersDir: resolve(REPO, env.BENCH_PEERS_DIR || 'bench/results/peers'),
  /** Users written in the big-users store, over as many pools as the big store has. */
  bigUsers: quick ? { pools: 20, users: 2_000 } : { pools: 1_000, users: 100_000 },
  /** Users the big-users sign-in run cycles through, one per pool (only these get a real password verifier). */
  bigUsersSignedIn: quick ? 10 : 100,
  bigUsersRounds: quick ? 1 : 3,
};
