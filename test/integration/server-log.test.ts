import { afterEach, expect, it, vi } from 'vitest';
import { type RunningServer, startServer } from '../../src/index.js';
import { ORDERS_CLIENT, POOL_ID, requestToken, testFixtures } from '../support/fixtures.js';

// The server's warnings go to the log it is given (ServerOptions.log), stderr when none is.

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.restoreAllMocks();
});

/** The test fixtures, with the orders pool's V3 trigger named by a real Lambda ARN (it cannot run here). */
function fixturesWithLambdaTrigger() {
  const fixtures = testFixtures();
  const pool = fixtures.UserPools.find((p) => p.Id === POOL_ID)! as Record<string, unknown>;
  pool.LambdaConfig = { PreTokenGenerationConfig: { LambdaVersion: 'V3_0', LambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:pre-token' } };
  return fixtures;
}

it('writes its warnings to the log it is given, and not to stderr', async () => {
  const warnings: string[] = [];
  const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  server = await startServer({ fixtures: fixturesWithLambdaTrigger(), log: { warn: (message) => warnings.push(message) } });
  const res = await requestToken(`${server.url}/oauth2/token`, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
  expect(res.status).toBe(200);
  expect(warnings).toEqual([expect.stringMatching(new RegExp(`^cognito-mock: pool ${POOL_ID}: pre token generation trigger arn:aws:lambda:.+ cannot run locally`))]);
  expect(stderr).not.toHaveBeenCalled();
});

it('writes them to stderr by default', async () => {
  const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  server = await startServer({ fixtures: fixturesWithLambdaTrigger() });
  await requestToken(`${server.url}/oauth2/token`, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
  expect(stderr).toHaveBeenCalledWith(expect.stringContaining('cannot run locally'));
});
