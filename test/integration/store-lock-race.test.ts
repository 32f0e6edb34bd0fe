import { spawnSync } from 'node:child_process';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/model/config-error.js';
import { StoreLock } from '../../src/store/store-lock.js';
import { useTempDir } from '../support/temp-dir.js';

// The store lock's races, driven directly and many times over: of any number of starts at the same
// moment, exactly one holds the store, also when they take over a dead holder's lock together.

const tmp = useTempDir('lock-race');
let store: string;
let lockFile: string;
beforeEach(() => {
  store = tmp.join('db.json');
  lockFile = `${store}.lock`;
});

/** A pid that no process has any more: a child that has exited and been reaped. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

/** This process's lock record, as the lock writes it, with some members replaced. */
async function lockRecord(changes: Record<string, unknown>): Promise<string> {
  const lock = await StoreLock.acquire(store);
  const record = JSON.parse(await readFile(lockFile, 'utf8')) as Record<string, unknown>;
  await lock.release();
  return JSON.stringify({ ...record, ...changes });
}

/**
 * Starts `count` acquirers spread over a few milliseconds: in lock-step they would all do each step
 * together, and a race between one's step and another's later step would never be tried.
 */
async function acquireTogether(count: number): Promise<{ winners: StoreLock[]; refusals: unknown[] }> {
  const results = await Promise.allSettled(Array.from({ length: count }, async (_, i) => {
    await sleep(i % 4);
    return StoreLock.acquire(store);
  }));
  return {
    winners: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    refusals: results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])),
  };
}

describe('the store lock under contention', () => {
  it('of 12 acquirers at the same moment, exactly one wins, 20 rounds in a row', async () => {
    for (let round = 0; round < 20; round++) {
      const { winners, refusals } = await acquireTogether(12);
      expect(winners, `round ${round}`).toHaveLength(1);
      for (const refusal of refusals) expect(refusal).toBeInstanceOf(ConfigError);
      await winners[0]!.release();
      expect(await readdir(tmp.path)).toEqual([]);
    }
  });

  it('of 12 acquirers taking over a dead holder\'s lock at the same moment, exactly one wins, 20 rounds in a row', async () => {
    const pid = deadPid();
    for (let round = 0; round < 20; round++) {
      await writeFile(lockFile, await lockRecord({ pid, nonce: `dead-${round}` }));
      const { winners, refusals } = await acquireTogether(12);
      expect(winners, `round ${round}`).toHaveLength(1);
      for (const refusal of refusals) expect((refusal as ConfigError).problems).toEqual([expect.stringMatching(/: in use by a server in this process/)]);
      expect(JSON.parse(await readFile(lockFile, 'utf8')).nonce).not.toBe(`dead-${round}`);
      // Claims and temp files of the race are gone; only the winner's lock stays.
      expect(await readdir(tmp.path)).toEqual(['db.json.lock']);
      await winners[0]!.release();
    }
  });

  it('passes a take-over claim whose maker died before finishing it', async () => {
    const pid = deadPid();
    const [holder, claimer] = [await lockRecord({ pid, nonce: 'dead-holder' }), await lockRecord({ pid, nonce: 'dead-claimer' })];
    await writeFile(lockFile, holder);
    await writeFile(`${lockFile}.takeover-dead-holder`, claimer);
    const lock = await StoreLock.acquire(store);
    expect(JSON.parse(await readFile(lockFile, 'utf8')).nonce).not.toBe('dead-holder');
    expect(await readdir(tmp.path)).toEqual(['db.json.lock']);
    await lock.release();
  });

  it('refuses a lock file that does not say who holds it, telling how to go on', async () => {
    await writeFile(lockFile, 'not a lock record');
    await expect(StoreLock.acquire(store)).rejects.toMatchObject({
      problems: [`${store}: locked by ${lockFile}, which does not say who holds it. If no cognito-mock runs on this store, remove ${lockFile} and start again.`],
    });
    expect(await readFile(lockFile, 'utf8')).toBe('not a lock record');
  });

  it('release() leaves a lock that is no longer its own (removed by hand, then taken by another start)', async () => {
    const first = await StoreLock.acquire(store);
    await rm(lockFile);
    const second = await StoreLock.acquire(store);
    const secondRecord = await readFile(lockFile, 'utf8');
    await first.release();
    expect(await readFile(lockFile, 'utf8')).toBe(secondRecord);
    await second.release();
    expect(await readdir(tmp.path)).toEqual([]);
  });
});
