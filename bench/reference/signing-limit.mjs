// The single-core signing limit: a plain node:crypto loop that builds and signs the token the
// token endpoint issues (same header, claims in Cognito's order, `\/` escaping, same key size),
// with no HTTP around it. Token throughput is reported as a fraction of this.
// Usage: taskset -c 0 node signing-limit.mjs '{"seconds":3,"keyFile":"…","issuer":"…","clientId":"…","scope":"…"}'
// Prints ONE JSON line {tokens_per_s, tokens, seconds, token_bytes}.
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

let tokens = 0;
const t0 = performance.now();
const end = t0 + spec.seconds * 1000;
while (performance.now() < end) { token(); tokens++; }
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ tokens_per_s: Math.round(tokens / seconds), tokens, seconds: Number(seconds.toFixed(3)), token_bytes: sample.length }));
