import { Agent } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { type RunningCli, startCli, useBuiltCli } from '../support/cli-process.js';
import { signingKeys } from '../support/fixtures.js';
import { useTempDir } from '../support/temp-dir.js';
import { fuzzSeed } from './support/fuzz.js';
import { callApi } from './support/raw-http.js';

// Crash safety for people: the built CLI is SIGKILLed at seeded random points while users are
// created and sign in from several connections. After every restart each acknowledged user is
// there and each acknowledged refresh token still refreshes (users and sign-in sessions are
// durable, cognito-reference-users §4.8); nothing else may differ.

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 8);
const SEED = fuzzSeed(4242);
const POOL = 'us-east-1_Crash0001';
const CLIENT = 'crash0signin0client0000001';
const PASSWORD = 'Crash-Passw0rd!';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tmp = useTempDir('crash-sign-in');
useBuiltCli();

describe('SIGKILL while users are created and sign in (built CLI)', () => {
  it(`keeps every acknowledged user and refresh token in ${ROUNDS} rounds`, async () => {
    const fixtures = tmp.join('fixtures.json');
    await writeFile(fixtures, JSON.stringify({ UserPools: [{
      Id: POOL, Name: 'crash', SigningKeys: signingKeys(0),
      UserPoolClients: [{ ClientId: CLIENT, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
    }] }));
    const args = ['--port', '0', '--data', tmp.join('db.json'), '--fixtures', fixtures];
    const rand = random(SEED);
    const users: string[] = [];
    const refreshTokens: string[] = [];

    for (let round = 0; round <= ROUNDS; round++) {
      const cli: RunningCli = await startCli(args);
      for (const username of users) {
        const got = await callApi(cli.url, 'AdminGetUser', { UserPoolId: POOL, Username: username });
        expect(got.status, `round ${round}: user ${username}`).toBe(200);
      }
      for (const token of refreshTokens) {
        const refreshed = await callApi(cli.url, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT, AuthParameters: { REFRESH_TOKEN: token } });
        expect(refreshed.status, `round ${round}: ${refreshed.text}`).toBe(200);
      }
      if (round === ROUNDS) {
        await cli.stop();
        break;
      }
      const workers = 2 + Math.floor(rand() * 6);
      const killAfter = Math.floor(rand() * 30);
      const agent = new Agent({ keepAlive: true, maxSockets: workers });
      let done = 0;
      let killed = false;
      const worker = async (w: number): Promise<void> => {
        for (let i = 0; !killed; i++) {
          const username = `r${round}-w${w}-${i}`;
          try {
            const created = await callApi(cli.url, 'AdminCreateUser', {
              UserPoolId: POOL, Username: username, MessageAction: 'SUPPRESS', TemporaryPassword: PASSWORD,
            }, agent);
            if (created.status !== 200) throw new Error(created.text);
            users.push(username);
            const set = await callApi(cli.url, 'AdminSetUserPassword', { UserPoolId: POOL, Username: username, Password: PASSWORD, Permanent: true }, agent);
            if (set.status !== 200) throw new Error(set.text);
            const signedIn = await callApi(cli.url, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: username, PASSWORD } }, agent);
            if (signedIn.status !== 200) throw new Error(signedIn.text);
            refreshTokens.push((signedIn.json as { AuthenticationResult: { RefreshToken: string } }).AuthenticationResult.RefreshToken);
          } catch (error) {
            if (killed) return;
            throw error;
          }
          if (++done >= killAfter && !killed) {
            killed = true;
            cli.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
      agent.destroy();
      await new Promise((resolve) => (cli.child.exitCode === null && cli.child.signalCode === null ? cli.child.once('exit', resolve) : resolve(undefined)));
    }
    expect(refreshTokens.length).toBeGreaterThan(ROUNDS);
  });
});
