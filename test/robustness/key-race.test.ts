import { copyFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { POOL_ID, testFixtures } from '../support/fixtures.js';
import { callApi, rawRequest } from './support/raw-http.js';
import { useTempDir } from '../support/temp-dir.js';

// Concurrency of keys: a pool's keys exist before anyone can see the pool, so the
// first JWKS requests for a new pool, racing its creation, all get the same keys, and so does every
// server started on that store afterwards. (A mock that makes keys lazily on the first JWKS request
// hands racing requests different keys, and verifiers then reject tokens at random.)

const PARALLEL_CREATES = 8;
const JWKS_PER_POOL = 25;

const tmp = useTempDir('key-race');
const mocks: CognitoMock[] = [];
afterEach(async () => { await Promise.all(mocks.splice(0).map((mock) => mock.stop())); });

async function start(options: Parameters<typeof startCognitoMock>[0]): Promise<CognitoMock> {
  const mock = await startCognitoMock(options);
  mocks.push(mock);
  return mock;
}

const jwksOf = async (url: string, poolId: string) => {
  const res = await rawRequest(url, { method: 'GET', path: `/${poolId}/.well-known/jwks.json` });
  return { status: res.status, body: res.text };
};

describe('keys of a new pool, racing its creation', () => {
  it('every JWKS request, from the moment the pool id is known, gets the same keys; parallel pools get distinct ones', async () => {
    const data = tmp.join('db.json');
    // One fixture pool without SigningKeys: its keys are generated at the first start.
    const fixtures = { UserPools: [...testFixtures().UserPools, { Id: 'us-east-1_NoKeys001', Name: 'generated-at-start' }] };
    const mock = await start({ fixtures, data });
    const known = new Set(mock.pools().map((pool) => pool.Id));

    // The moment a new pool enters the registry (before its write is on disk and before
    // CreateUserPool answers), a burst of JWKS requests for it goes out. Only the server's own
    // change hook sees that moment: no API shows a pool before CreateUserPool answers.
    const early = new Map<string, Promise<{ status: number; body: string }>[]>();
    mock.server.registry.onPoolChange((poolId) => {
      if (known.has(poolId) || early.has(poolId)) return;
      early.set(poolId, Array.from({ length: JWKS_PER_POOL }, () => jwksOf(mock.url, poolId)));
    });
    const created = await Promise.all(Array.from({ length: PARALLEL_CREATES }, (_, i) =>
      callApi(mock.url, 'CreateUserPool', { PoolName: `race-${i}` })));
    const ids = created.map((res) => {
      expect(res.status, res.text).toBe(200);
      return (res.json as { UserPool: { Id: string } }).UserPool.Id;
    });
    expect(new Set(ids).size).toBe(PARALLEL_CREATES);
    expect([...early.keys()].sort()).toEqual([...ids].sort());

    const served = new Map<string, string>();
    for (const id of ids) {
      const answers = [...await Promise.all(early.get(id)!), ...await Promise.all(Array.from({ length: 5 }, () => jwksOf(mock.url, id)))];
      expect(answers.every((a) => a.status === 200), JSON.stringify(answers.find((a) => a.status !== 200))).toBe(true);
      expect(new Set(answers.map((a) => a.body)).size, `pool ${id} served different JWKS`).toBe(1);
      served.set(id, answers[0]!.body);
    }
    served.set('us-east-1_NoKeys001', (await jwksOf(mock.url, 'us-east-1_NoKeys001')).body);
    served.set(POOL_ID, (await jwksOf(mock.url, POOL_ID)).body);
    // Parallel creations do not share keys.
    const kids = [...served.values()].flatMap((body) => (JSON.parse(body) as { keys: { kid: string }[] }).keys.map((k) => k.kid));
    expect(new Set(kids).size).toBe(kids.length);

    // A pool id nobody created is 404, and asking does not create it.
    expect((await jwksOf(mock.url, 'us-east-1_Guessed01')).status).toBe(404);
    expect(mock.pool('us-east-1_Guessed01')).toBeUndefined();

    // --- restarts: a server on this store, and servers on copies of it (one store, one server), serve exactly these keys ---
    await mocks.splice(0)[0]!.stop();
    const copies = [tmp.join('copy-1.json'), tmp.join('copy-2.json')];
    for (const copy of copies) {
      await copyFile(data, copy);
      await copyFile(`${data}.journal`, `${copy}.journal`);
    }
    const [a, b, c] = await Promise.all([start({ fixtures, data }), start({ data: copies[0]! }), start({ fixtures, data: copies[1]! })]);
    for (const [id, body] of served) {
      const answers = await Promise.all([a!, b!, c!].map((server) => jwksOf(server.url, id)));
      expect(answers.map((x) => x.status)).toEqual([200, 200, 200]);
      for (const answer of answers) expect(answer.body, `pool ${id} after restart`).toBe(body);
    }
  }, 60_000);
});
