// What the request log costs the token path: the same store served by two CLI servers on the
// server core, one printing a line per request on stderr (the default, `--log-level info`, its
// stderr read by the bench as a CI job reads it) and one with `--log-level silent`, in alternating
// rounds at 10 connections.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startCli } from '../lib/cli-server.mjs';
import { tokenRequest } from '../lib/http.mjs';
import { interleaved } from '../lib/interleave.mjs';
import { runLoad } from '../lib/load.mjs';
import { options } from '../lib/options.mjs';
import { BENCH_CLIENT } from '../lib/stores.mjs';
import { verifyTokens } from '../lib/verify-tokens.mjs';

export async function requestLog(ctx) {
  // One store each: a store is held by one server at a time.
  const copy = join(ctx.work, 'request-log-store.json');
  copyFileSync(ctx.files.normalStore, copy);
  if (existsSync(`${ctx.files.normalStore}.journal`)) copyFileSync(`${ctx.files.normalStore}.journal`, `${copy}.journal`);
  const logged = await startCli({ data: ctx.files.normalStore });
  let silent;
  try {
    silent = await startCli({ data: copy, args: ['--log-level', 'silent'] });
    const contender = (server, warmUp = false) => async () => {
      const run = await runLoad({ url: server.url, requests: [tokenRequest(BENCH_CLIENT)], expect: 'token', connections: 10, serverPid: server.pid,
        ...(warmUp ? { seconds: options.warmupSeconds, retries: 0 } : { seconds: options.seconds }) });
      run.verification = await verifyTokens(server.url, run.samples, { clientIds: new Set([BENCH_CLIENT.id]) });
      delete run.samples;
      return run;
    };
    await contender(logged, true)();
    await contender(silent, true)();
    ctx.log(`request log on vs off: ${options.bigStoreRounds} alternating rounds of ${options.seconds} s at 10 connections`);
    const token = await interleaved(options.bigStoreRounds, { logged: contender(logged), silent: contender(silent) }, ctx.log);
    // The logged server's stderr must hold request lines: otherwise this measured nothing.
    const printed = /POST \/oauth2\/token client_credentials/.test(logged.output());
    return { token, printed };
  } finally {
    await logged.stop();
    await silent?.stop();
  }
}
