import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { requireBuild } from '../support/cli-process.js';

// One quick pass of `npm run bench` (BENCH_QUICK=1: every phase about a second, small counts),
// so the benchmark keeps running as the server changes. Its figures are not checked here:
// timing belongs to the bench itself, never to `npm test`.

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Every figure of the benchmark; the bench must print and write each one. */
const FIGURE_KEYS = [
  'signing_limit_tokens_per_s',
  'token_rps_1_conn', 'token_rps_10_conns', 'token_rps_64_conns',
  'token_p50_ms_1_conn', 'token_p99_ms_1_conn', 'token_p50_ms_10_conns', 'token_p99_ms_10_conns',
  'request_log_token_rps_10_conns',
  'jwks_rps', 'discovery_rps',
  'cold_start_ms', 'in_process_start_ms', 'rss_after_10k_tokens_mb',
  'big_store_token_rps_10_conns', 'big_store_start_ms',
  'management_create_sequential_per_s', 'management_create_parallel_32_per_s',
  'management_curve_ms_per_create_1k', 'management_curve_ms_per_create_10k', 'management_curve_ms_per_create_50k',
  'management_curve_flatness',
  'unpinned_token_rps_10_conns', 'unpinned_vs_pinned_token_rps_10_conns', 'unpinned_vs_koa_node_token_rps_10_conns',
  'signin_m2m_per_s', 'signin_password_per_s', 'signin_refresh_per_s', 'signin_srp_per_s', 'signin_hosted_code_flow_per_s',
  'signin_password_vs_cognito_local', 'signin_refresh_vs_cognito_local',
  'peer_oauth2_mock_server_token_rps_10_conns', 'peer_oauth2_mock_server_start_ms', 'peer_oauth2_mock_server_rss_mb',
  'peer_cognito_local_start_ms', 'peer_cognito_local_rss_mb',
  'big_users_start_ms', 'big_users_one_line_start_ms', 'big_users_rss_mb', 'big_users_password_per_s', 'sign_in_store_not_rewritten',
];

/** Figures against the peers (installed from npm): the quick pass skips them, and says so. */
const PEER_KEYS = FIGURE_KEYS.filter((key) => key.includes('cognito_local') || key.includes('oauth2_mock_server'));

/** Figures measured against a reference run in the same pass. */
const RATIO_KEYS = ['token_rps_1_conn', 'token_rps_10_conns', 'token_rps_64_conns', 'request_log_token_rps_10_conns', 'jwks_rps', 'discovery_rps', 'cold_start_ms', 'big_store_token_rps_10_conns',
  'unpinned_token_rps_10_conns', 'unpinned_vs_pinned_token_rps_10_conns', 'signin_password_per_s', 'signin_refresh_per_s', 'signin_srp_per_s',
  'signin_hosted_code_flow_per_s', 'big_users_password_per_s'];

interface Figure {
  label: string;
  value: number | null;
  ratio?: number;
  errors: number;
  result: string;
  detail?: { verified?: string };
}

function runBench(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/run.mjs'], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => { stdout += text; });
    child.stderr.setEncoding('utf8').on('data', (text: string) => { stderr += text; });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run bench (one quick pass)', () => {
  beforeAll(requireBuild);

  it('runs every phase without errors, prints the table and writes every figure with verified tokens', async () => {
    // The bench runs this test run's build (no rebuild of dist/ under the other tests) and writes
    // its JSON under bench/results/ (gitignored), not over latest.json.
    await mkdir(join(REPO, 'bench/results'), { recursive: true });
    const dir = await mkdtemp(join(REPO, 'bench/results/smoke-'));
    try {
      const out = join(dir, 'latest.json');
      const { code, stdout, stderr } = await runBench({ BENCH_QUICK: '1', BENCH_DIST: join(inject('appDir'), 'dist'), BENCH_OUT: out });
      expect(code, `${stdout}\n${stderr.slice(-3_000)}`).toBe(0);

      const result = JSON.parse(await readFile(out, 'utf8')) as { quick: boolean; errors: string[]; figures: Record<string, Figure> };
      expect(result.quick).toBe(true);
      expect(result.errors).toEqual([]);
      expect(Object.keys(result.figures).sort()).toEqual([...FIGURE_KEYS].sort());
      for (const key of PEER_KEYS) {
        expect(result.figures[key]!.result, key).toBe('not measured');
        expect(result.figures[key]!.errors, key).toBe(0);
      }
      for (const key of FIGURE_KEYS.filter((k) => !PEER_KEYS.includes(k))) {
        const figure = result.figures[key]!;
        expect(figure.value, key).toEqual(expect.any(Number));
        expect(figure.errors, key).toBe(0);
        expect(figure.result, key).not.toMatch(/ERROR|errors/);
        expect(stdout, key).toContain(figure.label);
      }
      for (const key of RATIO_KEYS) expect(result.figures[key]!.ratio, key).toBeGreaterThan(0);
      // Sampled tokens of each token run were verified against the server's JWKS, all of them.
      for (const key of ['token_rps_1_conn', 'token_rps_10_conns', 'token_rps_64_conns', 'big_store_token_rps_10_conns', 'unpinned_token_rps_10_conns']) {
        const [verified, checked] = (result.figures[key]!.detail?.verified ?? '0/0').split('/').map(Number);
        expect(checked, key).toBeGreaterThan(0);
        expect(verified, key).toBe(checked);
      }
      expect(stdout).toMatch(/PASS|FAIL/);
      expect(stdout).toContain('no errors');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
