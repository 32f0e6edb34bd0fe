// One autocannon run in its own process (pinned to the load core by the parent); prints ONE JSON
// line. Usage: node load-worker.mjs '<spec JSON>' (see runLoad in load.mjs for the spec).
//
// Only responses that are 2xx AND carry the expected body count: for tokens, a body that starts
// like a token response; otherwise the exact body. Everything else is an error, by kind.
// Latency percentiles come from every counted response (autocannon's own histogram floors to ms).
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2]);
const TOKEN_PREFIX = '{"access_token":"';

const latencies = [];
const samples = [];
let ok = 0;
let badBody = 0;
let lastStatus = 0;
let lastLatency = 0;

// autocannon emits 'response' and then calls verifyBody for the same response, synchronously.
function verifyBody(body) {
  const good = spec.expect === 'token' ? body.startsWith(TOKEN_PREFIX) : body === spec.expectBody;
  if (lastStatus < 200 || lastStatus > 299) return good;
  if (!good) { badBody++; return false; }
  ok++;
  latencies.push(lastLatency);
  if (spec.expect === 'token' && ok % spec.sampleEvery === 0 && samples.length < spec.maxSamples) {
    samples.push(JSON.parse(body).access_token);
  }
  return true;
}

const serverTicks = () => {
  if (!spec.serverPid) return 0;
  const fields = readFileSync(`/proc/${spec.serverPid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in USER_HZ (100) ticks
};

// Busy and total ticks of a core (/proc/stat): what the server's core did that the server did not,
// and what the load core did that this generator did not, is other processes' work: noise the
// figure should be read with (a starved load generator leaves the server idle just as surely).
const coreTicks = (core = spec.serverCore) => {
  if (core === undefined) return { busy: 0, total: 0 };
  const line = readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith(`cpu${core} `));
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - fields[4], total };
};

const opts = {
  url: spec.url,
  connections: spec.connections,
  requests: spec.requests,
  timeout: 10,
  verifyBody,
  ...(spec.amount ? { amount: spec.amount } : { duration: spec.seconds }),
};

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const ticks0 = serverTicks();
const core0 = coreTicks();
const loadCore0 = coreTicks(spec.loadCore);
const instance = autocannon(opts, (error, r) => {
  if (error) { console.error(error); process.exit(1); }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  const pct = (p) => (latencies.length ? Number(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(3)) : null);
  const socketErrors = r.errors - r.timeouts;
  console.log(JSON.stringify({
    connections: spec.connections,
    seconds: Number(r.duration.toFixed(3)),
    ok,
    rps: Math.round(ok / r.duration),
    p50_ms: pct(50),
    p90_ms: pct(90),
    p99_ms: pct(99),
    max_ms: latencies.length ? Number(latencies.at(-1).toFixed(3)) : null,
    errors: r.non2xx + r.errors + badBody,
    non2xx: r.non2xx,
    socket_errors: socketErrors,
    timeouts: r.timeouts,
    bad_body: badBody,
    status_codes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count])),
    loadgen_cpu_pct: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
    ...(spec.serverPid ? { server_cpu_pct: Math.round((((serverTicks() - ticks0) * 10) / wallMs) * 100) } : {}),
    ...(spec.serverPid && spec.serverCore !== undefined ? { foreign_cpu_pct: foreignPct() } : {}),
    ...(spec.loadCore !== undefined ? { load_core_foreign_pct: loadCoreForeignPct(cpu) } : {}),
    samples,
  }));
});
function foreignPct() {
  const core = coreTicks();
  const total = core.total - core0.total;
  return total > 0 ? Math.max(0, Math.round((100 * (core.busy - core0.busy - (serverTicks() - ticks0))) / total)) : null;
}
function loadCoreForeignPct(cpu) {
  const core = coreTicks(spec.loadCore);
  const total = core.total - loadCore0.total;
  const own = (cpu.user + cpu.system) / 10_000; // µs → ticks of 10 ms
  return total > 0 ? Math.max(0, Math.round((100 * (core.busy - loadCore0.busy - own)) / total)) : null;
}
instance.on('response', (_client, status, _bytes, ms) => { lastStatus = status; lastLatency = ms; });
