// Sign-ins per second beside the M2M token rate, measured on one server in one run: the
// client-credentials grant (/oauth2/token), USER_PASSWORD_AUTH (InitiateAuth) and USER_SRP_AUTH
// (the real amazon-cognito-identity-js, both steps), each for BENCH_SECONDS, `parallel` at a time,
// in alternating rounds. Besides the wall-clock rate, the server's own CPU time per operation
// (from /proc) gives what one server core can do: SRP's client side runs in the load process and
// can bound the wall-clock rate before the server does.
import { readFileSync, copyFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startCli } from '../lib/cli-server.mjs';
import { request, tokenRequest } from '../lib/http.mjs';
import { options } from '../lib/options.mjs';
import { BENCH_CLIENT, BENCH_POOL_ID } from '../lib/stores.mjs';
import { round } from '../lib/stats.mjs';

const require = createRequire(import.meta.url);
const PASSWORD = 'Bench-Passw0rd!';
const USERS = 50;
const PARALLEL = 8;
const ROUNDS = options.quick ? 1 : 2;
const TARGET = 'AWSCognitoIdentityProviderService.';

const cpuSeconds = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

export async function signIn(ctx) {
  const file = join(ctx.work, 'sign-in.json');
  copyFileSync(ctx.files.normalStore, file);
  const server = await startCli({ data: file });
  const agent = new http.Agent({ keepAlive: true, maxSockets: PARALLEL });
  const api = async (operation, input) => {
    const res = await request(`${server.url}/`, {
      method: 'POST', agent, body: JSON.stringify(input), headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${TARGET}${operation}` },
    });
    if (res.status !== 200) throw new Error(`${operation}: ${res.status} ${res.body.slice(0, 200)}`);
    return JSON.parse(res.body);
  };
  try {
    const { UserPoolClient } = await api('CreateUserPoolClient', {
      UserPoolId: BENCH_POOL_ID, ClientName: 'bench-people', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    const clientId = UserPoolClient.ClientId;
    for (let i = 0; i < USERS; i++) {
      await api('AdminCreateUser', { UserPoolId: BENCH_POOL_ID, Username: `user${i}`, MessageAction: 'SUPPRESS' });
      await api('AdminSetUserPassword', { UserPoolId: BENCH_POOL_ID, Username: `user${i}`, Password: PASSWORD, Permanent: true });
    }
    const { AuthenticationDetails, CognitoUser, CognitoUserPool } = require('amazon-cognito-identity-js');
    const pool = new CognitoUserPool({ UserPoolId: BENCH_POOL_ID, ClientId: clientId, endpoint: `${server.url}/` });
    const token = tokenRequest(BENCH_CLIENT);
    const workloads = {
      m2m: async () => {
        const res = await request(`${server.url}${token.path}`, { ...token, agent });
        if (res.status !== 200) throw new Error(`token: ${res.status}`);
      },
      password: (i) => api('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: `user${i % USERS}`, PASSWORD } }),
      srp: (i) => new Promise((resolve, reject) => {
        const user = new CognitoUser({ Username: `user${i % USERS}`, Pool: pool });
        user.authenticateUser(new AuthenticationDetails({ Username: `user${i % USERS}`, Password: PASSWORD }), { onSuccess: resolve, onFailure: reject });
      }),
    };
    const totals = Object.fromEntries(Object.keys(workloads).map((name) => [name, { ops: 0, seconds: 0, cpu: 0, errors: 0 }]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, run] of Object.entries(workloads)) {
        const cpu0 = cpuSeconds(server.pid);
        const t0 = performance.now();
        const deadline = t0 + options.seconds * 1000;
        let next = 0;
        const worker = async () => {
          while (performance.now() < deadline) {
            try {
              await run(next++);
              totals[name].ops++;
            } catch {
              totals[name].errors++;
            }
          }
        };
        await Promise.all(Array.from({ length: PARALLEL }, worker));
        totals[name].seconds += (performance.now() - t0) / 1000;
        totals[name].cpu += cpuSeconds(server.pid) - cpu0;
      }
    }
    const figures = {};
    for (const [name, t] of Object.entries(totals)) {
      figures[name] = { per_s: round(t.ops / t.seconds), per_server_cpu_s: round(t.ops / Math.max(t.cpu, 0.01)), ops: t.ops, errors: t.errors };
      ctx.log(`sign-in ${name}: ${figures[name].per_s}/s, ${figures[name].per_server_cpu_s} per server CPU second (${t.ops} ops, ${t.errors} errors)`);
    }
    figures.ratios = {
      password_vs_m2m_wall: round(figures.password.per_s / figures.m2m.per_s, 2),
      srp_vs_m2m_wall: round(figures.srp.per_s / figures.m2m.per_s, 2),
      password_vs_m2m_server_cpu: round(figures.password.per_server_cpu_s / figures.m2m.per_server_cpu_s, 2),
      srp_vs_m2m_server_cpu: round(figures.srp.per_server_cpu_s / figures.m2m.per_server_cpu_s, 2),
    };
    return figures;
  } finally {
    agent.destroy();
    await server.stop();
  }
}
