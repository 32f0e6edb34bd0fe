// Operations per second of an async operation driven from this (the load) process, `parallel`
// at a time: for flows autocannon cannot drive (SRP, the hosted code flow, InitiateAuth with
// per-user bodies). Besides the wall-clock rate, the server's own CPU time per operation (from
// /proc) says what the server can do when the client side bounds the wall-clock rate.
import { readFileSync } from 'node:fs';
import { serverCore } from './load.mjs';
import { round } from './stats.mjs';

/** utime + stime of a process, in seconds; 0 when it cannot be read (the server already exited). */
export const cpuSeconds = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};

/** Busy and total ticks of a core (/proc/stat), as load-worker.mjs reads them. */
const coreTicks = (core) => {
  const line = readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith(`cpu${core} `));
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  return { busy: fields.reduce((a, b) => a + b, 0) - fields[3] - fields[4], total: fields.reduce((a, b) => a + b, 0) };
};

/**
 * Runs `op(i)` for `seconds`, `parallel` workers; adds to `total` ({ops, seconds, cpu, errors,
 * firstError}) so rounds accumulate. An operation that throws counts as an error, never as done.
 */
export async function measureOps(op, { seconds, parallel, pid }, total = emptyTotal()) {
  const cpu0 = pid ? cpuSeconds(pid) : 0;
  // What else ran on the server's core meanwhile: the noise the load runs report too.
  const core = pid ? serverCore() : undefined;
  const core0 = core === undefined ? undefined : coreTicks(core);
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  let next = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      try {
        await op(next++);
        total.ops++;
      } catch (error) {
        total.errors++;
        total.firstError ??= error.message.slice(0, 300);
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  total.seconds += (performance.now() - t0) / 1000;
  const cpu = pid ? cpuSeconds(pid) - cpu0 : 0;
  total.cpu += cpu;
  if (core0) {
    const now = coreTicks(core);
    const ticks = now.total - core0.total;
    const noise = ticks > 0 ? Math.max(0, Math.round((100 * (now.busy - core0.busy - cpu * 100)) / ticks)) : 0;
    total.noisePct = Math.max(total.noisePct ?? 0, noise);
  }
  return total;
}

export const emptyTotal = () => ({ ops: 0, seconds: 0, cpu: 0, errors: 0 });

/** A total as a figure: per second of wall clock and per second of server CPU. */
export const rateOf = (t) => ({
  per_s: t.seconds ? round(t.ops / t.seconds) : 0,
  per_server_cpu_s: t.cpu ? round(t.ops / Math.max(t.cpu, 0.01)) : null,
  ops: t.ops, errors: t.errors, seconds: round(t.seconds, 2), ...(t.noisePct === undefined ? {} : { noise_pct: t.noisePct }),
  ...(t.firstError ? { first_error: t.firstError } : {}),
});

/** Alternating rounds: each round runs every op once; resolves {name: rateOf(total)}. */
export async function alternateOps(rounds, ops, spec, log = () => {}) {
  const totals = Object.fromEntries(Object.keys(ops).map((name) => [name, emptyTotal()]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, op] of Object.entries(ops)) {
      const before = { ...totals[name] };
      const t = await measureOps(op, { ...spec, pid: op.pid ?? spec.pid }, totals[name]);
      log(`  round ${r + 1}/${rounds} ${name}: ${Math.round((t.ops - before.ops) / (t.seconds - before.seconds))}/s, ${t.errors - before.errors} errors`);
    }
  }
  return Object.fromEntries(Object.entries(totals).map(([name, t]) => [name, rateOf(t)]));
}
