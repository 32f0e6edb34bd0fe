// Sign-ins per second beside the M2M token rate, measured on one server in one run, in
// alternating rounds of BENCH_SECONDS, `parallel` at a time from the load process: the
// client-credentials grant (/oauth2/token), USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH (InitiateAuth),
// USER_SRP_AUTH (the real amazon-cognito-identity-js, both steps, its exponentiations in OpenSSL:
// lib/srp-client-maths.mjs) and the managed login's full
// code flow (authorize → login form → code → token, lib/hosted-flow.mjs). Besides the wall-clock
// rate, the server's own CPU time per operation gives what one server core can do: SRP's client
// side runs in the load process and can bound the wall-clock rate before the server does.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { awsJson, passwordAuth, refreshAuth } from '../lib/aws-json.mjs';
import { startCli } from '../lib/cli-server.mjs';
import { hostedCodeFlow } from '../lib/hosted-flow.mjs';
import { request, tokenRequest } from '../lib/http.mjs';
import { alternateOps } from '../lib/op-rate.mjs';
import { options } from '../lib/options.mjs';
import { memoryOf } from '../lib/processes.mjs';
import { BENCH_CLIENT, BENCH_POOL_ID } from '../lib/stores.mjs';
import { round } from '../lib/stats.mjs';
import { useOpenSslForSrpClient } from '../lib/srp-client-maths.mjs';

const require = createRequire(import.meta.url);
export const PASSWORD = 'Bench-Passw0rd!';
const USERS = 50;
export const PARALLEL = 8;
const ROUNDS = options.quick ? 1 : 2;
const CALLBACK = 'http://localhost:3000/callback';

export async function signIn(ctx) {
  const file = join(ctx.work, 'sign-in.json');
  copyFileSync(ctx.files.normalStore, file);
  const server = await startCli({ data: file });
  const api = awsJson(server.url, PARALLEL);
  let restoreClientMaths;
  try {
    // The managed login needs a domain on the pool and a client allowed the code flow.
    await api.call('CreateUserPoolDomain', { UserPoolId: BENCH_POOL_ID, Domain: 'bench-sign-in' });
    const { UserPoolClient } = await api.call('CreateUserPoolClient', {
      UserPoolId: BENCH_POOL_ID, ClientName: 'bench-people', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], CallbackURLs: [CALLBACK], SupportedIdentityProviders: ['COGNITO'],
    });
    const clientId = UserPoolClient.ClientId;
    const username = (i) => `user${i % USERS}`;
    for (let i = 0; i < USERS; i++) {
      await api.call('AdminCreateUser', { UserPoolId: BENCH_POOL_ID, Username: username(i), MessageAction: 'SUPPRESS' });
      await api.call('AdminSetUserPassword', { UserPoolId: BENCH_POOL_ID, Username: username(i), Password: PASSWORD, Permanent: true });
    }
    // One refresh token per user, from a sign-in before the runs: the refresh run only refreshes.
    const refreshTokens = [];
    for (let i = 0; i < USERS; i++) refreshTokens.push((await passwordAuth(api, clientId, username(i), PASSWORD)).RefreshToken);
    const { AuthenticationDetails, CognitoUser, CognitoUserPool } = require('amazon-cognito-identity-js');
    restoreClientMaths = useOpenSslForSrpClient();
    const pool = new CognitoUserPool({ UserPoolId: BENCH_POOL_ID, ClientId: clientId, endpoint: `${server.url}/` });
    const token = tokenRequest(BENCH_CLIENT);
    const ops = {
      m2m: async () => {
        const res = await request(`${server.url}${token.path}`, { ...token, agent: api.agent });
        if (res.status !== 200) throw new Error(`token: ${res.status}`);
      },
      password: (i) => passwordAuth(api, clientId, username(i), PASSWORD),
      refresh: (i) => refreshAuth(api, clientId, refreshTokens[i % USERS]),
      srp: (i) => new Promise((resolve, reject) => {
        const user = new CognitoUser({ Username: username(i), Pool: pool });
        user.authenticateUser(new AuthenticationDetails({ Username: username(i), Password: PASSWORD }), { onSuccess: resolve, onFailure: reject });
      }),
      hosted: (i) => hostedCodeFlow({ baseUrl: server.url, clientId, redirectUri: CALLBACK, username: username(i), password: PASSWORD, agent: api.agent }),
    };
    ctx.log(`sign-in: ${Object.keys(ops).join(', ')}; ${ROUNDS} alternating rounds of ${options.seconds} s, ${PARALLEL} at a time`);
    const figures = await alternateOps(ROUNDS, ops, { seconds: options.seconds, parallel: PARALLEL, pid: server.pid }, ctx.log);
    for (const [name, f] of Object.entries(figures)) {
      ctx.log(`sign-in ${name}: ${f.per_s}/s, ${f.per_server_cpu_s} per server CPU second (${f.ops} ops, ${f.errors} errors${f.first_error ? `: ${f.first_error}` : ''})`);
    }
    figures.ratios = {};
    for (const name of ['password', 'refresh', 'srp', 'hosted']) {
      figures.ratios[`${name}_vs_m2m_wall`] = round(figures[name].per_s / figures.m2m.per_s, 3);
      figures.ratios[`${name}_vs_m2m_server_cpu`] = figures[name].per_server_cpu_s && figures.m2m.per_server_cpu_s ? round(figures[name].per_server_cpu_s / figures.m2m.per_server_cpu_s, 3) : null;
    }
    figures.rss_mb = memoryOf(server.pid).rssMb;
    return figures;
  } finally {
    restoreClientMaths?.();
    api.close();
    await server.stop();
  }
}
