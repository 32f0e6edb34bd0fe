// Turns the raw measurements into the benchmark's figures: each a ratio to a reference measured
// in the same run where there is one, with its target and PASS/FAIL. A figure with errors (failed
// requests, unverified tokens, lost writes) never passes.
import { NotMeasured, PEOPLE_KEYS, PEOPLE_TARGETS, addPeopleFigures } from './figures-people.mjs';
import { median, round } from './stats.mjs';

/** The benchmark's targets. `on` says whether the ratio or the value is compared. */
export const TARGETS = {
  token_rps_10_conns: { on: 'ratio', op: '>=', limit: 0.9 },
  token_p50_ms_1_conn: { on: 'value', op: '<=', limit: 0.45 },
  token_p99_ms_10_conns: { on: 'value', op: '<=', limit: 6 },
  request_log_token_rps_10_conns: { on: 'ratio', op: '>=', limit: 0.97, note: 'costs ≤ 3%' },
  jwks_rps: { on: 'ratio', op: '>=', limit: 0.8 },
  discovery_rps: { on: 'ratio', op: '>=', limit: 0.8, note: 'as JWKS' },
  cold_start_ms: { on: 'ratio', op: '<=', limit: 1.5 },
  in_process_start_ms: { on: 'value', op: '<=', limit: 10 },
  rss_after_10k_tokens_mb: { on: 'value', op: '<=', limit: 75 },
  big_store_token_rps_10_conns: { on: 'ratio', op: '>=', limit: 0.95 },
  big_store_start_ms: { on: 'value', op: '<=', limit: 1500 },
  management_curve_flatness: { on: 'ratio', op: '<=', limit: 1.5, note: 'flat: 50k vs 1k' },
  ...PEOPLE_TARGETS,
};

/** Every figure key, in table order (the smoke test checks each is written). */
export const FIGURE_KEYS = [
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
  ...PEOPLE_KEYS,
];

const loadErrors = (run) => (run ? run.errors + (run.errors_in_discarded_attempts ?? 0) + (run.verification ? run.verification.checked - run.verification.verified : 0) : 0);
const loadDetail = (run) => run && {
  ok: run.ok, errors: run.errors, status_codes: run.status_codes, server_cpu_pct: run.server_cpu_pct,
  loadgen_cpu_pct: run.loadgen_cpu_pct, foreign_cpu_pct: run.foreign_cpu_pct, load_core_foreign_pct: run.load_core_foreign_pct, attempts_noise_pct: run.attempts_noise_pct, p90_ms: run.p90_ms, max_ms: run.max_ms,
  ...(run.verification ? { verified: `${run.verification.verified}/${run.verification.checked}`, verify_failures: run.verification.failures } : {}),
};

/** raw: {signing, token, wellKnown, coldStart, inProcess, bigStore, management}; phaseErrors: {phase: message}. */
export function buildFigures(raw, phaseErrors) {
  const f = {};
  const add = (key, label, unit, get) => {
    let figure;
    try {
      figure = get();
    } catch (error) {
      // A peer that was skipped or failed to install or start is reported, not an error of ours.
      figure = error instanceof NotMeasured ? { value: null, errors: 0, not_measured: error.message } : { value: null, errors: 1, detail: { error: error.message } };
    }
    f[key] = { label, unit, ...figure };
  };
  const needs = (phase) => {
    if (phaseErrors[phase]) throw new Error(`${phase} failed: ${phaseErrors[phase]}`);
    if (!raw[phase]) throw new Error(`${phase} did not run`);
    return raw[phase];
  };

  add('signing_limit_tokens_per_s', 'signing limit (node:crypto loop, 1 core)', 'tok/s', () => {
    const runs = needs('signing');
    return { value: round((runs.before.tokens_per_s + runs.after.tokens_per_s) / 2), errors: 0,
      noise_pct: Math.max(runs.before.noise_pct ?? 0, runs.after.noise_pct ?? 0),
      detail: { before: runs.before.tokens_per_s, after: runs.after.tokens_per_s, token_bytes: runs.before.token_bytes,
        attempts_noise_pct: [runs.before.attempts_noise_pct, runs.after.attempts_noise_pct] } };
  });
  const limit = () => f.signing_limit_tokens_per_s.value ?? (() => { throw new Error('no signing limit'); })();
  for (const c of [1, 10, 64]) {
    const key = `token_rps_${c}_${c === 1 ? 'conn' : 'conns'}`;
    add(key, `token endpoint, ${c} conn${c === 1 ? '' : 's'}`, 'tok/s', () => {
      const run = needs('token').tokens[c];
      return { value: run.rps, reference: { label: 'signing limit', value: limit() }, ratio: round(run.rps / limit(), 3), errors: loadErrors(run), noise_pct: run.noise_pct, loadgen_pct: run.loadgen_cpu_pct, detail: loadDetail(run) };
    });
  }
  for (const c of [1, 10]) {
    for (const p of ['p50', 'p99']) {
      const key = `token_${p}_ms_${c}_${c === 1 ? 'conn' : 'conns'}`;
      add(key, `token ${p} latency, ${c} conn${c === 1 ? '' : 's'}`, 'ms', () => {
        const run = needs('token').tokens[c];
        return { value: run[`${p}_ms`], errors: loadErrors(run), noise_pct: run.noise_pct };
      });
    }
  }
  for (const name of ['jwks', 'discovery']) {
    add(`${name}_rps`, `${name === 'jwks' ? 'JWKS' : 'discovery'}, ${10} conns`, 'req/s', () => {
      const { mock: run, reference: ref } = needs('wellKnown')[name];
      return { value: run.rps, reference: { label: 'constant-string Koa', value: ref.rps }, ratio: round(run.rps / ref.rps, 3),
        errors: loadErrors(run) + loadErrors(ref), noise_pct: Math.max(run.noise_pct ?? 0, ref.noise_pct ?? 0),
        loadgen_pct: Math.max(run.loadgen_cpu_pct ?? 0, ref.loadgen_cpu_pct ?? 0),
        detail: { ...loadDetail(run), p99_ms: run.p99_ms, rps_per_round: run.rps_per_round, reference: { ...loadDetail(ref), rps_per_round: ref.rps_per_round } } };
    });
  }
  add('cold_start_ms', 'cold start: CLI spawn → first token', 'ms', () => {
    const { cli_ms: cli, bare_ms: bare } = needs('coldStart');
    return { value: round(median(cli)), reference: { label: 'bare node:http spawn → first response', value: round(median(bare)) },
      ratio: round(median(cli) / median(bare), 2), errors: 0, detail: { cli_ms: cli.map((x) => round(x)), bare_ms: bare.map((x) => round(x)) } };
  });
  add('in_process_start_ms', 'in-process start → first token (testing API)', 'ms', () => {
    const r = needs('inProcess');
    return { value: round(median(r.all_ms), 2), errors: r.failures.length,
      detail: { runs: r.all_ms.length, first_ms: r.all_ms[0], import_ms: r.import_ms, all_ms: r.all_ms, failures: r.failures.slice(0, 3) } };
  });
  add('request_log_token_rps_10_conns', 'token endpoint, 10 conns, request log on', 'tok/s', () => {
    const r = needs('requestLog');
    const { logged, silent } = r.token;
    return { value: logged.rps, reference: { label: '--log-level silent', value: silent.rps }, ratio: round(logged.rps / silent.rps, 3),
      errors: loadErrors(logged) + loadErrors(silent) + (r.printed ? 0 : 1), noise_pct: Math.max(logged.noise_pct ?? 0, silent.noise_pct ?? 0),
      detail: { lines_printed: r.printed, rps_per_round: logged.rps_per_round, ...loadDetail(logged), silent: { ...loadDetail(silent), rps_per_round: silent.rps_per_round } } };
  });
  add('rss_after_10k_tokens_mb', `server RSS after ${raw.token?.rss?.tokens ?? 10_000} tokens`, 'MB', () => {
    const r = needs('token').rss;
    return { value: round(r.after_mb, 1), errors: loadErrors(r.run), noise_pct: r.run.noise_pct,
      detail: { before_mb: round(r.before_mb, 1), hwm_mb: round(r.hwm_mb, 1), tokens: r.tokens, ok: r.run.ok } };
  });
  add('big_store_token_rps_10_conns', 'token endpoint, 10 conns, big store', 'tok/s', () => {
    const r = needs('bigStore');
    const { big, reference } = r.token;
    return { value: big.rps, reference: { label: `same ${r.clients_used} clients, small store`, value: reference.rps }, ratio: round(big.rps / reference.rps, 3),
      errors: loadErrors(big) + loadErrors(reference), noise_pct: Math.max(big.noise_pct ?? 0, reference.noise_pct ?? 0),
      detail: { pools: r.pools, clients: r.clients, clients_used: r.clients_used, p50_ms: big.p50_ms, p99_ms: big.p99_ms, rps_per_round: big.rps_per_round,
        ...loadDetail(big), reference: { ...loadDetail(reference), rps_per_round: reference.rps_per_round },
        ratio_to_normal_10_conns: f.token_rps_10_conns.value ? round(big.rps / f.token_rps_10_conns.value, 3) : null } };
  });
  add('big_store_start_ms', 'CLI start → first token, big store', 'ms', () => {
    const r = needs('bigStore');
    return { value: round(median(r.start_ms)), errors: 0,
      detail: { pools: r.pools, clients: r.clients, all_ms: r.start_ms.map((x) => round(x)), rss_started_mb: round(r.started_mb, 1), rss_after_load_mb: round(r.after_mb, 1) } };
  });
  const createFigure = (run, durability) => ({
    value: round(run.created / run.seconds, 1), errors: run.errors + (durability.ok ? 0 : 1),
    detail: { created: run.created, attempted: run.attempted, seconds: round(run.seconds, 2), ms_per_create: run.created ? round((run.seconds * 1000) / run.created, 2) : null,
      errors_by_type: run.errors_by_type, durability, cut_by_budget: run.cut_by_budget },
  });
  add('management_create_sequential_per_s', 'CreateUserPoolClient, sequential', 'creates/s', () => {
    const m = needs('management');
    return createFigure(m.sequential, m.durability);
  });
  add('management_create_parallel_32_per_s', 'CreateUserPoolClient, 32 in parallel', 'creates/s', () => {
    const m = needs('management');
    const fig = createFigure(m.parallel, m.durability);
    const seq = f.management_create_sequential_per_s.value;
    return { ...fig, reference: { label: 'sequential', value: seq }, ratio: seq ? round(fig.value / seq, 2) : null };
  });
  for (const size of ['1k', '10k', '50k']) {
    add(`management_curve_ms_per_create_${size}`, `sequential create at ${size} clients (ms each = s per 1k)`, 'ms', () => {
      const point = needs('management').curve[size];
      const run = point.sequential;
      if (run.created === 0) throw new Error(`no create succeeded: ${JSON.stringify(run.errors_by_type)}`);
      return { value: round((run.seconds * 1000) / run.created, 2), errors: run.errors + (point.durability.ok ? 0 : 1),
        detail: { store_clients: point.store_clients, created: run.created, cut_by_budget: run.cut_by_budget, errors_by_type: run.errors_by_type, durability: point.durability, start_ms: round(point.start_ms) } };
    });
  }
  add('management_curve_flatness', 'create cost at 50k / at 1k clients', '×', () => {
    const small = f.management_curve_ms_per_create_1k.value;
    const large = f.management_curve_ms_per_create_50k.value;
    if (!small || !large) throw new Error('curve incomplete');
    return { value: round(large / small, 2), reference: { label: 'at 1k', value: small }, ratio: round(large / small, 2), errors: 0 };
  });
  addPeopleFigures({ add, needs, f, loadErrors, loadDetail });

  for (const [key, target] of Object.entries(TARGETS)) {
    const figure = f[key];
    const actual = target.on === 'ratio' ? figure.ratio : figure.value;
    const met = actual !== null && actual !== undefined && (target.op === '>=' ? actual >= target.limit : actual <= target.limit);
    figure.target = { ...target, text: target.text ?? `${target.on === 'ratio' ? 'ratio ' : ''}${target.op === '>=' ? '≥' : '≤'} ${target.limit}${target.note ? ` (${target.note})` : ''}` };
    figure.result = figure.not_measured ? 'not measured' : figure.value === null ? 'ERROR' : figure.errors > 0 ? 'FAIL (errors)' : met ? 'PASS' : 'FAIL';
  }
  for (const key of FIGURE_KEYS) {
    const figure = f[key];
    if (!figure.result) figure.result = figure.not_measured ? 'not measured' : figure.value === null ? 'ERROR' : figure.errors > 0 ? 'errors' : '';
  }
  return f;
}
