import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { StoredPool } from '../../src/model/types.js';
import { durableCollection } from '../../src/store/collection.js';
import { DEFAULT_COLLECTIONS } from '../../src/store/collections.js';
import { Store } from '../../src/store/store.js';
import { signingKeys } from '../support/fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// A store past the largest string V8 can hold (about 512 MiB) loads, takes writes, and is written
// whole and loaded again: the snapshot and the journal are read line by line and the snapshot is
// written in chunks, never as one string (one readFile + JSON.parse, or one JSON.stringify, of the
// whole store cannot be done at that size).

interface Note { NoteId: string; Text: string }
const NOTES = durableCollection<Note>({ member: 'Notes', key: 'NoteId', problems: () => [] });
const collections = [...DEFAULT_COLLECTIONS, NOTES];
const POOL = 'us-east-1_Big01';
const pem = signingKeys(0).AccessToken;
const ITEMS = 5_800;
// Few large items: the test is about the size of the store, not the number of its objects.
const TEXT = 'n'.repeat(100_000);

const tmp = useTempDir('big-store');

/** A snapshot in the store's own layout, one note a line: about 570 MB. */
async function writeBigSnapshot(file: string): Promise<void> {
  const out = createWriteStream(file, { mode: 0o600 });
  const pool: Partial<StoredPool> = {
    UserPool: { Id: POOL, Name: 'big', CreationDate: 1, LastModifiedDate: 1 },
    Keys: { access: { privateKeyPem: pem }, id: { privateKeyPem: pem } },
  };
  const own = JSON.stringify(pool);
  let text = `{"formatVersion":1,"seq":0,"pools":{\n${JSON.stringify(POOL)}:${own.slice(0, -1)}\n,"ResourceServers":{\n}\n,"UserPoolClients":{\n}\n,"Notes":{\n`;
  for (let i = 0; i < ITEMS; i++) {
    text += `${i === 0 ? '' : ','}"n${i}":${JSON.stringify({ NoteId: `n${i}`, Text: TEXT })}\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(`${text}}\n}\n}}\n`);
  await once(out, 'finish');
}

describe('a store past the largest string', () => {
  it('loads, takes a write, is written whole, and loads again', async () => {
    const file = tmp.join('db.json');
    await writeBigSnapshot(file);
    expect((await stat(file)).size).toBeGreaterThan(550 * 1024 * 1024);

    const store = await Store.open(file, { collections, log: { warn: () => undefined } });
    try {
      expect(store.get(NOTES, POOL, `n${ITEMS - 1}`)).toEqual({ NoteId: `n${ITEMS - 1}`, Text: TEXT });
      // The store has no journal yet: its first write writes the whole store (the snapshot) again.
      store.put(NOTES, POOL, { NoteId: 'written', Text: 'after load' });
      await store.persist();
      store.delete(NOTES, POOL, 'n0');
      await store.persist();
    } finally {
      await store.close();
    }
    expect((await stat(file)).size).toBeGreaterThan(550 * 1024 * 1024);

    const reopened = await Store.open(file, { collections, log: { warn: () => undefined } });
    try {
      expect(reopened.get(NOTES, POOL, 'written')).toEqual({ NoteId: 'written', Text: 'after load' });
      expect(reopened.get(NOTES, POOL, 'n0')).toBeUndefined();
      expect(reopened.list(NOTES, POOL)).toHaveLength(ITEMS);
    } finally {
      await reopened.close();
    }
  }, 240_000);
});
