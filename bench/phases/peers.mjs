// The peers next to cognito-mock in the same run, each on the server core as ours is:
// oauth2-mock-server (client-credentials tokens/s at 10 connections, in alternating rounds with
// cognito-mock; start time; RSS) and cognito-local (InitiateAuth USER_PASSWORD_AUTH and
// REFRESH_TOKEN_AUTH per second, driven exactly as the sign-in phase drives ours; start time; RSS).
// A peer that fails to install or start is recorded as not measured, with the reason: the other
// peer and the rest of the bench go on.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { awsJson, passwordAuth, refreshAuth } from '../lib/aws-json.mjs';
import { startCli } from '../lib/cli-server.mjs';
import { freePort, request, tokenRequest } from '../lib/http.mjs';
import { interleaved } from '../lib/interleave.mjs';
import { runLoad } from '../lib/load.mjs';
import { alternateOps } from '../lib/op-rate.mjs';
import { options } from '../lib/options.mjs';
import { installPeers } from '../lib/peers.mjs';
import { memoryOf, startProcess } from '../lib/processes.mjs';
import { BENCH_CLIENT } from '../lib/stores.mjs';
import { PARALLEL, PASSWORD } from './sign-in.mjs';

const ROUNDS = options.quick ? 1 : 2;
const USERS = 50;

export async function peers(ctx) {
  if (!options.peers) return { skipped: options.quick ? 'quick pass' : '--no-peers / BENCH_NO_PEERS=1' };
  let install;
  try {
    install = await installPeers(ctx.log);
    ctx.log(`peers: ${Object.entries(install.versions).map(([n, v]) => `${n} ${v}`).join(', ')} (${install.cached ? 'cached' : `installed in ${install.ms} ms`})`);
  } catch (error) {
    const reason = `install failed: ${error.message}`;
    ctx.log(`peers: ${reason}`);
    return { oauth2MockServer: { measured: false, reason }, cognitoLocal: { measured: false, reason } };
  }
  const guarded = async (name, fn) => {
    try {
      return { measured: true, version: install.versions[name], ...(await fn()) };
    } catch (error) {
      ctx.log(`peers: ${name} not measured: ${error.message}`);
      // The first line says what failed, the last one of the peer's output usually why.
      const lines = error.message.split('\n').map((l) => l.trim()).filter(Boolean);
      return { measured: false, version: install.versions[name], reason: `${lines[0]}${lines.length > 1 ? ` ${lines.at(-1)}` : ''}`.slice(0, 240) };
    }
  };
  return {
    install: { cached: install.cached, ms: install.ms, versions: install.versions },
    oauth2MockServer: await guarded('oauth2-mock-server', () => oauth2MockServer(ctx, install.bins['oauth2-mock-server'])),
    cognitoLocal: await guarded('cognito-local', () => cognitoLocal(ctx, install.bins['cognito-local'])),
  };
}

async function oauth2MockServer(ctx, bin) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Any client id and secret are accepted; the request is the one cognito-mock gets, at its own path.
  const req = { ...tokenRequest(BENCH_CLIENT), path: '/token' };
  const peer = await startProcess({
    argv: [process.execPath, bin, '-a', '127.0.0.1', '-p', String(port)], cpus: options.serverCpus, name: 'oauth2-mock-server',
    ready: () => request(`${url}/token`, { method: 'POST', headers: req.headers, body: req.body, timeoutMs: 1_000 }).then((r) => r.status === 200, () => false),
  });
  let mock;
  try {
    mock = await startCli({ data: ctx.files.normalStore });
    const load = (server, request_, warmUp = false) => async () => {
      const run = await runLoad({ url: server.url ?? url, requests: [request_], expect: 'token', connections: 10, serverPid: server.pid,
        // Not repeated for noise: the peers give context, and repeats would cost the run minutes on a busy machine.
        seconds: warmUp ? options.warmupSeconds : options.seconds, retries: 0 });
      delete run.samples;
      return run;
    };
    const ours = tokenRequest(BENCH_CLIENT);
    await load(peer, req, true)();
    await load(mock, ours, true)();
    ctx.log(`peers: oauth2-mock-server vs cognito-mock, ${ROUNDS} alternating rounds of ${options.seconds} s at 10 connections`);
    const runs = await interleaved(ROUNDS, { peer: load(peer, req), mock: load(mock, ours) }, ctx.log);
    return { start_ms: Math.round(peer.ms), rss_mb: memoryOf(peer.pid).rssMb, token: runs.peer, mock: { start_ms: Math.round(mock.ms), rss_mb: memoryOf(mock.pid).rssMb, token: runs.mock } };
  } finally {
    await peer.stop();
    await mock?.stop();
  }
}

async function cognitoLocal(ctx, bin) {
  // It keeps its database and config in ./.cognito of its working directory.
  const cwd = join(ctx.work, 'cognito-local');
  mkdirSync(cwd, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const api = awsJson(url, PARALLEL);
  const peer = await startProcess({
    argv: [process.execPath, bin], cwd, env: { PORT: String(port) }, cpus: options.serverCpus, name: 'cognito-local', timeoutMs: 30_000,
    ready: () => api.call('ListUserPools', { MaxResults: 1 }).then(() => true, () => false),
  });
  try {
    const startMs = Math.round(peer.ms);
    const rssStarted = memoryOf(peer.pid).rssMb;
    const { UserPool } = await api.call('CreateUserPool', { PoolName: 'bench' });
    const { UserPoolClient } = await api.call('CreateUserPoolClient', { UserPoolId: UserPool.Id, ClientName: 'bench-people', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const clientId = UserPoolClient.ClientId;
    // Its pools take the email as username by default (UsernameAttributes ["email"]).
    const username = (i) => `user${i % USERS}@bench.example`;
    for (let i = 0; i < USERS; i++) {
      await api.call('AdminCreateUser', { UserPoolId: UserPool.Id, Username: username(i), MessageAction: 'SUPPRESS' });
      await api.call('AdminSetUserPassword', { UserPoolId: UserPool.Id, Username: username(i), Password: PASSWORD, Permanent: true });
    }
    const refreshTokens = [];
    for (let i = 0; i < USERS; i++) refreshTokens.push((await passwordAuth(api, clientId, username(i), PASSWORD)).RefreshToken);
    const ops = {
      password: (i) => passwordAuth(api, clientId, username(i), PASSWORD),
      refresh: (i) => refreshAuth(api, clientId, refreshTokens[i % USERS]),
    };
    ctx.log(`peers: cognito-local InitiateAuth, ${ROUNDS} alternating rounds of ${options.seconds} s, ${PARALLEL} at a time`);
    const rates = await alternateOps(ROUNDS, ops, { seconds: options.seconds, parallel: PARALLEL, pid: peer.pid }, ctx.log);
    if (rates.password.ops === 0) throw new Error(`no USER_PASSWORD_AUTH succeeded: ${rates.password.first_error}`);
    return { start_ms: startMs, rss_started_mb: rssStarted, rss_mb: memoryOf(peer.pid).rssMb, ...rates };
  } finally {
    api.close();
    await peer.stop();
  }
}
