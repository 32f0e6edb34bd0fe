import { readFile, truncate, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Log } from '../../src/model/log.js';
import type { StoredPool } from '../../src/model/types.js';
import { durableCollection } from '../../src/store/collection.js';
import { DEFAULT_COLLECTIONS } from '../../src/store/collections.js';
import { Store, type StoreOptions, readStoreFile } from '../../src/store/store.js';
import { FaultyFiles } from '../support/faulty-files.js';
import { signingKeys } from '../support/fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// A disk can refuse a journal write at any byte (full: ENOSPC; failing: EIO), refuse its fsync,
// or refuse the cut that takes a failed write back off. Whatever it does: every acknowledged write
// is there after a restart (also after a crash, read from the files as they are), no refused write
// is, and nothing is glued to a torn piece. The faults are injected through the store's file layer,
// over many byte offsets.

interface Note { NoteId: string; Text: string }
const NOTES = durableCollection<Note>({ member: 'Notes', key: 'NoteId', problems: () => [] });
const collections = [...DEFAULT_COLLECTIONS, NOTES];
const POOL = 'us-east-1_Faults01';
const pem = signingKeys(0).AccessToken;
const pool = (): StoredPool => ({
  UserPool: { Id: POOL, Name: 'faults', CreationDate: 1, LastModifiedDate: 1 },
  Keys: { access: { privateKeyPem: pem }, id: { privateKeyPem: pem } },
  ResourceServers: {},
  UserPoolClients: {},
});

const tmp = useTempDir('journal-faults');
let open: Store[] = [];
afterEach(async () => {
  for (const store of open) await store.close();
  open = [];
});

function logInto(lines: string[]): Log {
  return { warn: (message) => lines.push(message) };
}

async function openStore(options: StoreOptions = {}): Promise<Store> {
  const store = await Store.open(tmp.join('db.json'), { collections, log: logInto([]), ...options });
  open.push(store);
  return store;
}

async function closeStore(store: Store): Promise<void> {
  open = open.filter((s) => s !== store);
  await store.close();
}

/** What a crash would leave: the files as they are, read by a start (without the lock, as a reader). */
async function notesOnDisk(log: string[] = []): Promise<Record<string, string>> {
  const data = await readStoreFile(tmp.join('db.json'), collections, logInto(log));
  const notes = (data.pools[POOL] as unknown as { Notes: Record<string, Note> }).Notes;
  return Object.fromEntries(Object.values(notes).map((note) => [note.NoteId, note.Text]));
}

interface Outcome { acknowledged: Map<string, string>; refused: Set<string> }

/** Rounds of three changes made in one tick (one batch, one journal line), each awaited by its own caller. */
async function writeRounds(store: Store, rounds: number, prefix: string, outcome: Outcome): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await Promise.all([0, 1, 2].map((i) => {
      const id = `${prefix}${round}-${i}`;
      const text = `note ${id} `.repeat(5);
      store.put(NOTES, POOL, { NoteId: id, Text: text });
      return store.persist().then(() => { outcome.acknowledged.set(id, text); }, () => { outcome.refused.add(id); });
    }));
  }
}

function expectOnDisk(notes: Record<string, string>, { acknowledged, refused }: Outcome): void {
  for (const [id, text] of acknowledged) expect(notes[id], `acknowledged ${id}`).toBe(text);
  for (const id of refused) expect(notes[id], `refused ${id}`).toBeUndefined();
}

describe('a journal write the disk refuses part-way', () => {
  it('at any byte (ENOSPC or EIO): acknowledged writes survive, refused ones never come back, nothing is glued', async () => {
    for (let afterBytes = 0; afterBytes < 1200; afterBytes += 37) {
      for (const code of ['ENOSPC', 'EIO'] as const) {
        const files = new FaultyFiles();
        const store = await openStore({ files });
        store.set(['pools', POOL], pool());
        await store.persist();
        const outcome: Outcome = { acknowledged: new Map(), refused: new Set() };
        files.failWrites({ afterBytes, code, once: code === 'EIO' });
        await writeRounds(store, 5, 'a', outcome);
        files.heal();
        await writeRounds(store, 2, 'b', outcome);
        expect(outcome.refused.size, `${code} after ${afterBytes} bytes`).toBeGreaterThan(0);
        // As a crash would leave it, and after a clean restart.
        const log: string[] = [];
        expectOnDisk(await notesOnDisk(log), outcome);
        expect(log).toEqual([]);
        await closeStore(store);
        expectOnDisk(await notesOnDisk(), outcome);
        await rmStore();
      }
    }
  });

  it('whose cut back fails too: no write is acknowledged until a cut succeeds, then the journal is whole', async () => {
    const files = new FaultyFiles();
    const store = await openStore({ files });
    store.set(['pools', POOL], pool());
    await store.persist();
    const outcome: Outcome = { acknowledged: new Map(), refused: new Set() };
    await writeRounds(store, 1, 'before', outcome);
    files.failWrites({ afterBytes: 100, code: 'EIO', once: true });
    files.failingTruncates = 3;
    await writeRounds(store, 1, 'torn', outcome);
    // The disk takes writes again, but the torn bytes are still there: refused until cut.
    await writeRounds(store, 2, 'uncut', outcome);
    expect([...outcome.refused].filter((id) => id.startsWith('uncut'))).toHaveLength(6);
    await writeRounds(store, 2, 'after', outcome);
    expect([...outcome.acknowledged.keys()].filter((id) => id.startsWith('after'))).toHaveLength(6);
    const log: string[] = [];
    expectOnDisk(await notesOnDisk(log), outcome);
    expect(log).toEqual([]);
  });

  it('whose fsync fails after every byte landed: the whole batch is cut off, none of its changes comes back', async () => {
    const files = new FaultyFiles();
    const store = await openStore({ files });
    store.set(['pools', POOL], pool());
    await store.persist();
    const outcome: Outcome = { acknowledged: new Map(), refused: new Set() };
    files.failingSyncs = 1;
    await writeRounds(store, 1, 'unsynced', outcome);
    expect(outcome.refused.size).toBe(3);
    await writeRounds(store, 1, 'next', outcome);
    expect(outcome.acknowledged.size).toBe(3);
    expectOnDisk(await notesOnDisk(), outcome);
  });

  it('refuses, before acknowledging it, a change too large for a journal line to be read back', async () => {
    const store = await openStore();
    store.set(['pools', POOL], pool());
    await store.persist();
    store.put(NOTES, POOL, { NoteId: 'huge', Text: 'x'.repeat(129 * 1024 * 1024) });
    await expect(store.persist()).rejects.toThrow(/past the 134217728 bytes one journal line may hold/);
    expect(store.get(NOTES, POOL, 'huge')).toBeUndefined();
    store.put(NOTES, POOL, { NoteId: 'small', Text: 'fits' });
    await store.persist();
    await closeStore(store);
    expect(await notesOnDisk()).toEqual({ small: 'fits' });
  });
});

async function rmStore(): Promise<void> {
  const { rm } = await import('node:fs/promises');
  await rm(tmp.join('db.json'), { force: true });
  await rm(tmp.join('db.json.journal'), { force: true });
}

describe('a journal damaged by hand', () => {
  async function storeWithLines(count: number): Promise<void> {
    const store = await openStore();
    store.set(['pools', POOL], pool());
    await store.persist();
    for (let i = 1; i <= count; i++) {
      store.put(NOTES, POOL, { NoteId: `n${i}`, Text: `text ${i}` });
      await store.persist();
    }
    await closeStore(store);
  }
  const journal = () => tmp.join('db.json.journal');

  it('cut in the middle of a line: the start drops that last line with a warning naming file, line and bytes, and keeps its bytes', async () => {
    await storeWithLines(4);
    const text = await readFile(journal(), 'utf8');
    const lines = text.split('\n');
    const cutAt = Buffer.byteLength(`${lines.slice(0, 2).join('\n')}\n`) + 20;
    await truncate(journal(), cutAt);
    const log: string[] = [];
    const store = await openStore({ log: logInto(log) });
    expect(store.list(NOTES, POOL).map((note) => note.NoteId)).toEqual(['n1', 'n2']);
    expect(log).toEqual([`cognito-mock: ${journal()}: line 3 has no newline (cut short); dropped its 20 bytes, the last write, which was never acknowledged (kept in ${journal()}.torn)`]);
    expect(await readFile(`${journal()}.torn`, 'utf8')).toBe(`${lines[2]!.slice(0, 20)}\n`);
    expect(await readFile(journal(), 'utf8')).toBe(`${lines.slice(0, 2).join('\n')}\n`);
  });

  it('with a line missing in the middle: the start is refused, naming the file, the line and the gap', async () => {
    await storeWithLines(4);
    const lines = (await readFile(journal(), 'utf8')).split('\n');
    await writeFile(journal(), [lines[0], lines[2], lines[3], ''].join('\n'));
    const before = await readFile(journal(), 'utf8');
    await expect(openStore()).rejects.toMatchObject({
      problems: [`${tmp.join('db.json')}: cannot load the store: ${journal()}: line 2 is batch 4, but batch 3 should follow batch 2: lines are missing. Fix or remove the file; it was not changed.`],
    });
    expect(await readFile(journal(), 'utf8')).toBe(before);
  });

  it('with a value changed inside a line that is not the last: refused as damaged, naming the line', async () => {
    await storeWithLines(3);
    const text = await readFile(journal(), 'utf8');
    await writeFile(journal(), text.replace('text 2', 'text 9'));
    await expect(openStore()).rejects.toMatchObject({
      problems: [`${tmp.join('db.json')}: cannot load the store: ${journal()}: line 2 does not match its checksum (damaged). Fix or remove the file; it was not changed.`],
    });
  });

  it('a journal of the previous version (one bare entry a line) still loads, and new lines follow it', async () => {
    // The previous version's files: the snapshot as one line of JSON, the journal one entry a line.
    await writeFile(tmp.join('db.json'), JSON.stringify({ formatVersion: 1, pools: { [POOL]: { ...pool(), Notes: {} } } }));
    await writeFile(journal(), ['n1', 'n2'].map((id) => JSON.stringify({ set: ['pools', POOL, 'Notes', id], value: { NoteId: id, Text: id } })).join('\n') + '\n');
    const store = await openStore();
    expect(store.list(NOTES, POOL).map((note) => note.NoteId)).toEqual(['n1', 'n2']);
    store.remove(['pools', POOL, 'Notes', 'n1']);
    store.put(NOTES, POOL, { NoteId: 'n3', Text: 'n3' });
    await store.persist();
    await closeStore(store);
    expect(await notesOnDisk()).toEqual({ n2: 'n2', n3: 'n3' });
  });
});
