// The single-core signing limit: a plain node:crypto loop that builds and signs the token the
// token endpoint issues (same header, claims in Cognito's order, `\/` escaping, same key size),
// with no HTTP around it. Token throughput is reported as a fraction of this.
// Usage: taskset -c 0 node signing-limit.mjs '{"seconds":3,"keyFile":"…","issuer":"…","clientId":"…","scope":"…","core":0}'
// Prints ONE JSON line {tokens_per_s, tokens, seconds, token_bytes, foreign_cpu_pct}.
import { createHash, createPrivateKey, createPublicKey, randomUUID, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const spec = JSON.parse(process.argv[2]);
const privateKey = createPrivateKey(readFileSync(spec.keyFile, 'utf8'));
const publicKey = createPublicKey(privateKey);
const kid = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
const json = (value) => JSON.stringify(value).replaceAll('/', '\\/');
const headerSegment = Buffer.from(json({ kid, alg: 'RS256' })).toString('base64url');

function token() {
  const iat = Math.floor(Date.now() / 1000);
  const claims = {
    sub: spec.clientId, token_use: 'access', scope: spec.scope, auth_time: iat, iss: spec.issuer,
    exp: iat + 3600, iat, version: 2, jti: randomUUID(), client_id: spec.clientId,
  };
  const input = `${headerSegment}.${Buffer.from(json(claims)).toString('base64url')}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

const sample = token();
const [h, p, s] = sample.split('.');
if (!verify('sha256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'))) throw new Error('reference token does not verify');
for (let i = 0; i < 50; i++) token(); // warm-up

// What else ran on this core meanwhile (/proc/stat), as the load runs report it: noise.
const coreTicks = () => {
  if (spec.core === undefined) return { busy: 0, total: 0 };
  const line = readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith(`cpu${spec.core} `));
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - fields[4], total };
};

let tokens = 0;
const core0 = coreTicks();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const end = t0 + spec.seconds * 1000;
while (performance.now() < end) { token(); tokens++; }
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const core = coreTicks();
const coreTotal = core.total - core0.total;
const foreign = spec.core === undefined || coreTotal === 0 ? null
  : Math.max(0, Math.round((100 * (core.busy - core0.busy - (cpu.user + cpu.system) / 10_000)) / coreTotal));
console.log(JSON.stringify({ tokens_per_s: Math.round(tokens / seconds), tokens, seconds: Number(seconds.toFixed(3)), token_bytes: sample.length, foreign_cpu_pct: foreign }));
