import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredPool } from '../../src/model/types.js';
import { durableCollection } from '../../src/store/collection.js';
import { DEFAULT_COLLECTIONS } from '../../src/store/collections.js';
import { Store, type StoreOptions, readStoreFile } from '../../src/store/store.js';
import { FaultyFiles } from '../support/faulty-files.js';
import { signingKeys } from '../support/fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// The snapshot is rewritten beside the writes, not inside their chain: writes keep being
// acknowledged while it runs, and it holds exactly what was committed when it began, never a change
// made since nor one recorded but not yet on disk (which may still be refused and undone).

interface Note { NoteId: string; Text: string }
const NOTES = durableCollection<Note>({ member: 'Notes', key: 'NoteId', problems: () => [] });
const collections = [...DEFAULT_COLLECTIONS, NOTES];
const POOL = 'us-east-1_Snap01';
const pem = signingKeys(0).AccessToken;
const pool = (): StoredPool => ({
  UserPool: { Id: POOL, Name: 'snapshots', CreationDate: 1, LastModifiedDate: 1 },
  Keys: { access: { privateKeyPem: pem }, id: { privateKeyPem: pem } },
  ResourceServers: {},
  UserPoolClients: {},
});

const tmp = useTempDir('store-snapshot');
let opened: Store | undefined;
afterEach(async () => { await opened?.close(); opened = undefined; });

const openStore = async (options: StoreOptions = {}) => (opened = await Store.open(tmp.join('db.json'), { collections, log: { warn: () => undefined }, ...options }));
const notesOf = (data: { pools: Record<string, unknown> }): Record<string, string> =>
  Object.fromEntries(Object.values((data.pools[POOL] as { Notes: Record<string, Note> }).Notes).map((note) => [note.NoteId, note.Text]));
const BIG = 'b'.repeat(300_000);
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the snapshot rewrite', () => {
  async function storeNearSnapshot(files: FaultyFiles): Promise<Store> {
    const store = await openStore({ files });
    store.set(['pools', POOL], pool());
    store.put(NOTES, POOL, { NoteId: 'kept', Text: 'old' });
    store.put(NOTES, POOL, { NoteId: 'gone', Text: 'here' });
    await store.persist();
    for (const id of ['big1', 'big2', 'big3']) {
      store.put(NOTES, POOL, { NoteId: id, Text: BIG });
      await store.persist();
    }
    return store;
  }
  const isJournal = (path: string) => path.endsWith('.journal');
  const isSnapshotTemp = (path: string) => path.endsWith('.tmp');
  async function closed(store: Store): Promise<{ snapshot: Record<string, string>; journal: string; after: Record<string, string> }> {
    await store.close();
    opened = undefined;
    return {
      snapshot: notesOf(JSON.parse(await readFile(tmp.join('db.json'), 'utf8'))),
      journal: await readFile(tmp.join('db.json.journal'), 'utf8'),
      after: notesOf(await readStoreFile(tmp.join('db.json'), collections)),
    };
  }

  it('runs beside the writes (acknowledged meanwhile), holds the state committed when it began, and the journal keeps only what came after', async () => {
    const files = new FaultyFiles();
    const store = await storeNearSnapshot(files);
    // The fourth big write takes the journal past 1 MiB: the snapshot starts right after it, and
    // is held before it writes a byte.
    const releaseSnapshot = files.hold(isSnapshotTemp);
    store.put(NOTES, POOL, { NoteId: 'big4', Text: BIG });
    await store.persist();
    store.put(NOTES, POOL, { NoteId: 'during', Text: 'new' });
    store.put(NOTES, POOL, { NoteId: 'kept', Text: 'changed' });
    store.delete(NOTES, POOL, 'gone');
    await store.persist();
    files.failWrites({ afterBytes: 0, code: 'EIO', files: isJournal, once: true });
    store.put(NOTES, POOL, { NoteId: 'refused', Text: 'x' });
    await expect(store.persist()).rejects.toThrow(/EIO/);
    expect(await readFile(tmp.join('db.json'), 'utf8')).not.toContain('big4');
    releaseSnapshot();

    const { snapshot, journal, after } = await closed(store);
    expect(Object.keys(snapshot).sort()).toEqual(['big1', 'big2', 'big3', 'big4', 'gone', 'kept']);
    expect(snapshot.kept).toBe('old');
    expect(journal.split('\n')).toHaveLength(2);
    expect(journal).toContain('"during"');
    expect(journal).not.toContain('big');
    expect(Object.keys(after).sort()).toEqual(['big1', 'big2', 'big3', 'big4', 'during', 'kept']);
    expect(after.kept).toBe('changed');
  });

  it('leaves out a change in memory but not on disk when it began, which is then refused', async () => {
    const files = new FaultyFiles();
    const store = await storeNearSnapshot(files);
    const releaseFourth = files.hold(isJournal, (text) => text.includes('big4'));
    const releasePending = files.hold(isJournal, (text) => text.includes('pending'));
    const releaseSnapshot = files.hold(isSnapshotTemp);
    files.failWrites({ afterBytes: 0, code: 'EIO', files: isJournal, writing: (text) => text.includes('pending') });
    store.put(NOTES, POOL, { NoteId: 'big4', Text: BIG });
    const fourth = store.persist();
    await turn();
    store.put(NOTES, POOL, { NoteId: 'pending', Text: 'x' });
    const pending = store.persist();
    releaseFourth();
    await fourth;
    // The snapshot has begun with `pending` in memory; it is written whole while that change's
    // own write is still held, and only then is that write refused.
    releaseSnapshot();
    while (!files.synced.some(isSnapshotTemp)) await turn();
    releasePending();
    await expect(pending).rejects.toThrow(/EIO/);

    const { snapshot, after } = await closed(store);
    expect(Object.keys(snapshot).sort()).toEqual(['big1', 'big2', 'big3', 'big4', 'gone', 'kept']);
    expect(Object.keys(after).sort()).toEqual(['big1', 'big2', 'big3', 'big4', 'gone', 'kept']);
  });

  it('writes one item a line, in a document that is valid JSON; a snapshot laid out by hand in any JSON layout still loads', async () => {
    const store = await openStore();
    store.set(['pools', POOL], pool());
    for (let i = 0; i < 5; i++) store.put(NOTES, POOL, { NoteId: `n${i}`, Text: `line\n${i}` });
    await store.persist();
    await store.close();
    opened = undefined;
    const text = await readFile(tmp.join('db.json'), 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('{"formatVersion":1,"seq":1,"pools":{');
    expect(lines.filter((line) => line.includes('"NoteId"'))).toHaveLength(5);
    const data = JSON.parse(text);
    expect(notesOf(data).n3).toBe('line\n3');

    await writeFile(tmp.join('db.json'), JSON.stringify(data, null, 2));
    const reopened = await openStore();
    expect(reopened.get(NOTES, POOL, 'n3')).toEqual({ NoteId: 'n3', Text: 'line\n3' });
  });
});

describe('back-to-back snapshot rewrites', () => {
  // A rewrite that finishes while writes keep coming is installed by the chain after the writes
  // queued before it; one of those can start the next rewrite, which then finishes after the first
  // one cut the journal. Where each rewrite cuts must survive the other's cut.
  it('keep every write, whatever order they finish and install in', async () => {
    const store = await openStore();
    store.set(['pools', POOL], pool());
    await store.persist();
    const written: string[] = [];
    const text = 'w'.repeat(40_000);
    for (let burst = 0; burst < 60; burst++) {
      const writes: Promise<void>[] = [];
      for (let i = 0; i < 8; i++) {
        const id = `n${burst}-${i}`;
        written.push(id);
        store.put(NOTES, POOL, { NoteId: id, Text: text });
        writes.push(store.persist());
        await turn();
      }
      await Promise.all(writes);
    }
    await store.close();
    opened = undefined;
    const reopened = await openStore();
    expect(reopened.list(NOTES, POOL).map((note) => note.NoteId).sort()).toEqual([...written].sort());
  }, 60_000);
});
