// 100,000 users in 1,000 pools, in the layout the server keeps its store in (one item per line,
// read line by line): CLI start-up time to the first sign-in, RSS, and the
// USER_PASSWORD_AUTH rate cycling through users of 100 pools, against a small store holding only
// those 100 pools and users, in alternating rounds (the ratio is the cost of the user count
// alone). Then whether sign-ins and refreshes rewrite the store: the snapshot file must keep its
// size and mtime while only the journal beside it grows (a sign-in journals its session). One
// more start reads the same store written as one line of JSON, as a script would write it (read
// whole: the slower case, reported beside).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { awsJson, passwordAuth, refreshAuth } from '../lib/aws-json.mjs';
import { startCli } from '../lib/cli-server.mjs';
import { alternateOps } from '../lib/op-rate.mjs';
import { options } from '../lib/options.mjs';
import { memoryOf } from '../lib/processes.mjs';
import { writeStore } from '../lib/stores.mjs';
import { USER_PASSWORD, signedInUsers, usersExtension } from '../lib/user-stores.mjs';
import { PARALLEL } from './sign-in.mjs';

const fileState = (file) => {
  const snapshot = statSync(file);
  let journal = 0;
  try { journal = statSync(`${file}.journal`).size; } catch { /* no journal yet */ }
  return { snapshot_bytes: snapshot.size, snapshot_mtime_ms: snapshot.mtimeMs, journal_bytes: journal };
};

export async function bigUsers(ctx) {
  const { pools, users } = options.bigUsers;
  const perPool = Math.ceil(users / pools);
  const signedIn = Math.min(options.bigUsersSignedIn, pools);
  const people = signedInUsers(signedIn);
  const file = join(ctx.work, 'big-users.json');
  const t0 = performance.now();
  const extend = await usersExtension({ pools, perPool, signedIn });
  await writeStore(file, ctx.keys, { pools, clients: pools, extra: ctx.examplePools, extend, layout: 'server' });
  const raw = { pools, users: pools * perPool, signed_in_users: signedIn, generate_ms: Math.round(performance.now() - t0), store_mb: statSync(file).size / 1e6, start_ms: [] };
  ctx.log(`big users: ${raw.users} users in ${pools} pools (${raw.store_mb.toFixed(0)} MB), written in ${raw.generate_ms} ms`);
  const smallFile = join(ctx.work, 'small-users.json');
  await writeStore(smallFile, ctx.keys, { pools: signedIn, clients: signedIn, extra: ctx.examplePools, extend: await usersExtension({ pools: signedIn, perPool: 1, signedIn }), layout: 'server' });
  const oneLineFile = join(ctx.work, 'big-users-one-line.json');
  await writeStore(oneLineFile, ctx.keys, { pools, clients: pools, extra: ctx.examplePools, extend });

  // Ready at the first sign-in: a start that defers loading users must still count them.
  const ready = (url) => {
    const probe = awsJson(url, 1);
    return passwordAuth(probe, people[0].clientId, people[0].username, USER_PASSWORD).then(() => true, () => false).finally(probe.close);
  };
  let big;
  let small;
  const apis = [];
  try {
    for (let i = 0; i < options.bigStoreStartRuns; i++) {
      big = await startCli({ data: file, timeoutMs: 120_000, ready });
      raw.start_ms.push(big.ms);
      ctx.log(`big users start ${i + 1}/${options.bigStoreStartRuns}: ${big.ms.toFixed(0)} ms`);
      if (i < options.bigStoreStartRuns - 1) await big.stop();
    }
    raw.rss_started_mb = memoryOf(big.pid).rssMb;
    const oneLine = await startCli({ data: oneLineFile, timeoutMs: 120_000, ready });
    const oneLineMemory = memoryOf(oneLine.pid);
    raw.one_line = { start_ms: oneLine.ms, rss_started_mb: oneLineMemory.rssMb, hwm_mb: oneLineMemory.hwmMb, store_mb: statSync(oneLineFile).size / 1e6 };
    await oneLine.stop();
    ctx.log(`big users, one line of JSON: start ${oneLine.ms.toFixed(0)} ms, peak RSS ${raw.one_line.hwm_mb.toFixed(0)} MB`);
    small = await startCli({ data: smallFile, ready });
    const before = fileState(file);
    const signIns = (server) => {
      const api = awsJson(server.url, PARALLEL);
      apis.push(api);
      const op = (i) => passwordAuth(api, people[i % signedIn].clientId, people[i % signedIn].username, USER_PASSWORD);
      op.pid = server.pid;
      return op;
    };
    const ops = { big: signIns(big), small: signIns(small) };
    ctx.log(`big users: warm-up ${options.warmupSeconds} s each`);
    await alternateOps(1, ops, { seconds: options.warmupSeconds, parallel: PARALLEL });
    ctx.log(`big users: USER_PASSWORD_AUTH, big vs ${signedIn}-user store, ${options.bigUsersRounds} alternating rounds of ${options.seconds} s`);
    raw.sign_in = await alternateOps(options.bigUsersRounds, ops, { seconds: options.seconds, parallel: PARALLEL }, ctx.log);
    // Refreshes of the big store's sign-ins: one session each, refreshed twice.
    const api = apis[0];
    let refreshes = 0;
    for (const person of people.slice(0, 20)) {
      const { RefreshToken } = await passwordAuth(api, person.clientId, person.username, USER_PASSWORD);
      for (let r = 0; r < 2; r++) { await refreshAuth(api, person.clientId, RefreshToken); refreshes++; }
    }
    const after = fileState(file);
    raw.rss_after_mb = memoryOf(big.pid).rssMb;
    raw.hwm_mb = memoryOf(big.pid).hwmMb;
    raw.store_files = {
      before, after, sign_ins: raw.sign_in.big.ops + people.slice(0, 20).length, refreshes,
      snapshot_unchanged: before.snapshot_bytes === after.snapshot_bytes && before.snapshot_mtime_ms === after.snapshot_mtime_ms,
      journal_grew: after.journal_bytes > before.journal_bytes,
    };
    ctx.log(`big users: store snapshot ${raw.store_files.snapshot_unchanged ? 'unchanged' : 'REWRITTEN'}, journal +${after.journal_bytes - before.journal_bytes} bytes after ${raw.store_files.sign_ins} sign-ins and ${refreshes} refreshes; RSS ${raw.rss_after_mb.toFixed(0)} MB`);
  } finally {
    for (const api of apis) api.close();
    raw.exit = await big?.stop();
    await small?.stop();
  }
  return raw;
}
