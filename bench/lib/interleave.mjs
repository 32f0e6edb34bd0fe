// A/B measurement: contenders take turns, round after round, so slow drifts of the machine
// (frequency, neighbours) hit each alike; their runs are then summed into one figure each.
import { median } from './stats.mjs';

/** contenders: {name: () => runLoad(…)}; resolves {name: aggregate of its rounds}. */
export async function interleaved(rounds, contenders, log = () => {}) {
  const runs = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(contenders)) {
      const result = await run();
      runs[name].push(result);
      log(`  round ${round + 1}/${rounds} ${name}: ${result.rps}/s, noise ${result.noise_pct}%`);
    }
  }
  return Object.fromEntries(Object.entries(runs).map(([name, list]) => [name, aggregate(list)]));
}

const sum = (list, key) => list.reduce((total, run) => total + (run[key] ?? 0), 0);
const max = (list, key) => Math.max(...list.map((run) => run[key] ?? 0));

/** Throughput over all rounds; latency percentiles as the median of the rounds' (good enough to read, not to target). */
function aggregate(list) {
  const ok = sum(list, 'ok');
  const seconds = sum(list, 'seconds');
  const verifications = list.map((run) => run.verification).filter(Boolean);
  const statusCodes = {};
  for (const run of list) for (const [code, n] of Object.entries(run.status_codes ?? {})) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  return {
    rounds: list.length,
    rps_per_round: list.map((run) => run.rps),
    connections: list[0].connections,
    seconds: Number(seconds.toFixed(3)),
    ok,
    rps: Math.round(ok / seconds),
    p50_ms: median(list.map((run) => run.p50_ms)),
    p90_ms: median(list.map((run) => run.p90_ms)),
    p99_ms: median(list.map((run) => run.p99_ms)),
    max_ms: max(list, 'max_ms'),
    errors: sum(list, 'errors'),
    errors_in_discarded_attempts: sum(list, 'errors_in_discarded_attempts'),
    status_codes: statusCodes,
    server_cpu_pct: Math.round(sum(list, 'server_cpu_pct') / list.length),
    loadgen_cpu_pct: max(list, 'loadgen_cpu_pct'),
    foreign_cpu_pct: max(list, 'foreign_cpu_pct'),
    load_core_foreign_pct: max(list, 'load_core_foreign_pct'),
    noise_pct: max(list, 'noise_pct'),
    attempts_noise_pct: list.map((run) => run.attempts_noise_pct),
    ...(verifications.length ? {
      verification: {
        checked: sum(verifications, 'checked'),
        verified: sum(verifications, 'verified'),
        failures: [...new Set(verifications.flatMap((v) => v.failures))].slice(0, 5),
      },
    } : {}),
  };
}
