// Reference: the single-core signing limit (reference/signing-limit.mjs), pinned to the server core.
import { fileURLToPath } from 'node:url';
import { leastNoisy, serverCore } from '../lib/load.mjs';
import { options } from '../lib/options.mjs';
import { lastJson, runProcess } from '../lib/processes.mjs';
import { BENCH_CLIENT, BENCH_POOL_ID, SCOPES } from '../lib/stores.mjs';

const SCRIPT = fileURLToPath(new URL('../reference/signing-limit.mjs', import.meta.url));

export async function signingLimit(ctx) {
  const spec = {
    seconds: options.signSeconds,
    keyFile: ctx.files.benchAccessKey,
    issuer: `https://cognito-idp.us-east-1.amazonaws.com/${BENCH_POOL_ID}`,
    clientId: BENCH_CLIENT.id,
    scope: SCOPES.join(' '),
    core: serverCore(),
  };
  return leastNoisy(options.noiseRetries, async () =>
    lastJson(await runProcess([process.execPath, SCRIPT, JSON.stringify(spec)], { cpus: options.serverCpus })));
}
