// In-process start, as a test file sees it: startCognitoMock (the public testing API, built, from
// dist) with fixture-provided keys, then fetch one token, then stop; `runs` times in one process.
// Usage: node in-process-probe.mjs '{"dist":"…","runs":20,"fixtureFile":"…","client":{"id","secret"}}'
// Prints ONE JSON line {import_ms, all_ms, failures}.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const spec = JSON.parse(process.argv[2]);
const fixtures = JSON.parse(readFileSync(spec.fixtureFile, 'utf8'));
const authorization = `Basic ${Buffer.from(`${spec.client.id}:${spec.client.secret}`).toString('base64')}`;

const t0 = performance.now();
const { startCognitoMock } = await import(pathToFileURL(join(spec.dist, 'testing/index.js')).href);
const importMs = performance.now() - t0;

const all = [];
const failures = [];
for (let i = 0; i < spec.runs; i++) {
  const start = performance.now();
  const mock = await startCognitoMock({ fixtures });
  const res = await fetch(mock.tokenEndpoint, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const body = await res.text();
  all.push(performance.now() - start);
  if (res.status !== 200 || !body.startsWith('{"access_token":"')) failures.push(`${res.status} ${body.slice(0, 200)}`);
  await mock.stop();
}
console.log(JSON.stringify({ import_ms: Number(importMs.toFixed(2)), all_ms: all.map((ms) => Number(ms.toFixed(2))), failures }));
