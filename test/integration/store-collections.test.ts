import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/model/config-error.js';
import { checkInteger } from '../../src/model/problems.js';
import type { StoredPool } from '../../src/model/types.js';
import { Registry } from '../../src/registry.js';
import { durableCollection, memoryCollection, ruleProblems } from '../../src/store/collection.js';
import { DEFAULT_COLLECTIONS } from '../../src/store/collections.js';
import { Store, readStoreFile, storeFileText } from '../../src/store/store.js';
import { signingKeys } from '../support/fixtures.js';

// A new kind of object in the store is one registration: its member in the pool record, its key,
// its shape check (the model's rules) and its durability. These dummy collections are registered
// here, in the test, without touching src/: the journal, the snapshot, the start-up check and the
// expiry all follow from the definitions.

interface Widget { WidgetId: string; Size: number }
const WIDGETS = durableCollection<Widget>({
  member: 'Widgets',
  key: 'WidgetId',
  problems: (at, widget) => ruleProblems(at, (p) => checkInteger(p, widget, 'Size', 1, 10)),
});

interface Ticket { TicketId: string; ExpiresAt: number }
const TICKETS = memoryCollection<Ticket>({ member: 'Tickets', key: 'TicketId', expiresAt: (ticket) => ticket.ExpiresAt });

const collections = [...DEFAULT_COLLECTIONS, WIDGETS, TICKETS];

const POOL = 'us-east-1_Collect01';
const pem = signingKeys(0).AccessToken;
const pool = (): StoredPool => ({
  UserPool: { Id: POOL, Name: 'collections', CreationDate: 1, LastModifiedDate: 1 },
  Keys: { access: { privateKeyPem: pem }, id: { privateKeyPem: pem } },
  ResourceServers: {},
  UserPoolClients: {},
});
const FIX = '. Fix or remove the file; it was not changed.';

let dir: string;
let file: string;
let now: number;
const clock = () => now;
const open = (options = { collections, clock }) => Store.open(file, options);
const openError = (options = { collections, clock }) => open(options).then(async (store) => {
  await store.close();
  return undefined;
}, (error: unknown) => error);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cognito-mock-collections-'));
  file = join(dir, 'db.json');
  now = Date.UTC(2030, 0, 1);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a durable collection registered by a caller', () => {
  it('keeps set items and forgets removed ones across a restart, from the journal and from the snapshot', async () => {
    const store = await open();
    store.set(['pools', POOL], pool());
    store.put(WIDGETS, POOL, { WidgetId: 'w1', Size: 3 });
    store.put(WIDGETS, POOL, { WidgetId: 'w2', Size: 4 });
    await store.persist();
    store.delete(WIDGETS, POOL, 'w2');
    await store.persist();
    await store.close();
    expect(await readFile(`${file}.journal`, 'utf8')).toContain('"Widgets","w2"');

    const reopened = await open();
    try {
      expect(reopened.get(WIDGETS, POOL, 'w1')).toEqual({ WidgetId: 'w1', Size: 3 });
      expect(reopened.get(WIDGETS, POOL, 'w2')).toBeUndefined();
      expect(reopened.list(WIDGETS, POOL)).toEqual([{ WidgetId: 'w1', Size: 3 }]);
    } finally {
      await reopened.close();
    }
    // In the pool record on disk, beside the pool's own collections.
    expect((await readStoreFile(file, collections)).pools[POOL]).toMatchObject({ ResourceServers: {}, UserPoolClients: {}, Widgets: { w1: { Size: 3 } } });
  });

  it('starts empty on a store written before it was registered, which loads unchanged', async () => {
    const before = await open({ collections: [...DEFAULT_COLLECTIONS], clock });
    before.set(['pools', POOL], pool());
    await before.persist();
    await before.close();
    const text = await storeFileText(file);

    const store = await open();
    try {
      expect(store.list(WIDGETS, POOL)).toEqual([]);
    } finally {
      await store.close();
    }
    expect(await storeFileText(file)).toBe(text);
  });

  it('refuses a store whose item fails the shape check, naming the item\'s path, and leaves the files as they were', async () => {
    const store = await open();
    store.set(['pools', POOL], pool());
    store.put(WIDGETS, POOL, { WidgetId: 'w1', Size: 50 });
    store.put(WIDGETS, POOL, { WidgetId: 'w2', Size: 2 });
    await store.persist();
    await store.close();
    // And one filed under another key, by hand.
    const data = JSON.parse(await readFile(file, 'utf8')) as { pools: Record<string, { Widgets: Record<string, unknown> }> };
    data.pools[POOL]!.Widgets.w9 = { WidgetId: 'w1', Size: 1 };
    await writeFile(file, JSON.stringify(data), { mode: 0o600 });
    const text = await storeFileText(file);

    const error = await openError();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      `${file}: pools["${POOL}"].Widgets["w1"].Size: must have value less than or equal to 10 (got 50)${FIX}`,
      `${file}: pools["${POOL}"].Widgets["w9"].WidgetId must be "w9"${FIX}`,
    ]);
    expect(await storeFileText(file)).toBe(text);
  });

  it('drops a torn last journal line (a crash mid-append), and refuses a line naming a collection it does not know', async () => {
    const store = await open();
    store.set(['pools', POOL], pool());
    await store.persist();
    store.put(WIDGETS, POOL, { WidgetId: 'w1', Size: 3 });
    await store.persist();
    await store.close();
    await appendFile(`${file}.journal`, `{"set":["pools","${POOL}","Widgets","torn"],"value":{"WidgetId":"to`);

    const reopened = await open();
    try {
      expect(reopened.list(WIDGETS, POOL)).toEqual([{ WidgetId: 'w1', Size: 3 }]);
    } finally {
      await reopened.close();
    }
    expect(await readFile(`${file}.journal`, 'utf8')).toMatch(/"w1".*\n$/);

    // Without the registration, its journal lines are no entries the store knows.
    const error = await openError({ collections: [...DEFAULT_COLLECTIONS], clock });
    expect((error as ConfigError).problems).toEqual([`${file}: cannot load the store: ${file}.journal: line 1 is not a journal entry${FIX}`]);
  });

  it('is put back with the rest when the write of its change fails', async () => {
    const store = await open();
    store.set(['pools', POOL], pool());
    await store.persist();
    await rm(dir, { recursive: true });
    store.put(WIDGETS, POOL, { WidgetId: 'w1', Size: 3 });
    store.put(TICKETS, POOL, { TicketId: 't1', ExpiresAt: now + 60_000 });
    await expect(store.persist()).rejects.toThrow(/ENOENT/);
    expect(store.get(WIDGETS, POOL, 'w1')).toBeUndefined();
    expect(store.get(TICKETS, POOL, 't1')).toBeUndefined();
    await store.close();
  });
});

describe('an in-memory collection with an expiry, registered by a caller', () => {
  it('serves an item until the clock passes its expiry, then never again, and sweeps it', async () => {
    const store = await open();
    try {
      store.set(['pools', POOL], pool());
      store.put(TICKETS, POOL, { TicketId: 'short', ExpiresAt: now + 1_000 });
      store.put(TICKETS, POOL, { TicketId: 'long', ExpiresAt: now + 60_000 });
      await store.persist();
      expect(store.get(TICKETS, POOL, 'short')).toEqual({ TicketId: 'short', ExpiresAt: now + 1_000 });

      now += 999;
      expect(store.list(TICKETS, POOL).map((t) => t.TicketId)).toEqual(['short', 'long']);
      now += 1;
      expect(store.get(TICKETS, POOL, 'short')).toBeUndefined();
      expect(store.list(TICKETS, POOL).map((t) => t.TicketId)).toEqual(['long']);
      store.put(TICKETS, POOL, { TicketId: 'lapsed', ExpiresAt: now - 1 });
      expect(store.sweep()).toBe(1);
      now += 60_000;
      expect(store.sweep()).toBe(1);
      expect(store.list(TICKETS, POOL)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('is never written: not in the journal, not in the snapshot, gone after a restart', async () => {
    const store = await open();
    store.set(['pools', POOL], pool());
    store.put(TICKETS, POOL, { TicketId: 'secret0ticket', ExpiresAt: now + 60_000 });
    store.put(WIDGETS, POOL, { WidgetId: 'w1', Size: 1 });
    await store.persist();
    store.put(TICKETS, POOL, { TicketId: 'second0ticket', ExpiresAt: now + 60_000 });
    // Only in-memory changes: final at once, no write.
    const journal = await readFile(`${file}.journal`, 'utf8');
    await store.persist();
    expect(await readFile(`${file}.journal`, 'utf8')).toBe(journal);
    await store.close();

    const text = await storeFileText(file);
    expect(text).toContain('"w1"');
    expect(text).not.toContain('Tickets');
    expect(text).not.toContain('ticket');
    const reopened = await open();
    try {
      expect(reopened.list(TICKETS, POOL)).toEqual([]);
    } finally {
      await reopened.close();
    }
  });

  it('goes with its pool: kept while the pool record is replaced, gone once the pool is removed', async () => {
    const store = await open();
    try {
      store.set(['pools', POOL], pool());
      store.put(TICKETS, POOL, { TicketId: 't1', ExpiresAt: now + 60_000 });
      store.set(['pools', POOL], { ...pool(), UserPool: { ...pool().UserPool, Name: 'renamed' } });
      expect(store.get(TICKETS, POOL, 't1')).toEqual({ TicketId: 't1', ExpiresAt: now + 60_000 });
      store.remove(['pools', POOL]);
      store.set(['pools', POOL], pool());
      await store.persist();
      expect(store.get(TICKETS, POOL, 't1')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

describe('a registered collection through the Registry', () => {
  it('is committed like the pool\'s own objects: on disk when the call resolves, refused for a pool that does not exist', async () => {
    const registry = new Registry(await open(), clock);
    await registry.putPool(pool());
    await registry.putItem(WIDGETS, POOL, { WidgetId: 'w1', Size: 2 });
    await registry.putItem(TICKETS, POOL, { TicketId: 't1', ExpiresAt: now + 1_000 });
    expect(await readFile(`${file}.journal`, 'utf8').catch(() => '') + await readFile(file, 'utf8')).toContain('"w1"');
    expect(registry.items(WIDGETS, POOL)).toEqual([{ WidgetId: 'w1', Size: 2 }]);
    expect(registry.item(TICKETS, POOL, 't1')).toEqual({ TicketId: 't1', ExpiresAt: now + 1_000 });
    await expect(registry.putItem(WIDGETS, 'us-east-1_Nowhere1', { WidgetId: 'w2', Size: 2 })).rejects.toMatchObject({ code: 'pool_not_found' });
    await registry.deleteItem(TICKETS, POOL, 't1');
    expect(registry.item(TICKETS, POOL, 't1')).toBeUndefined();
    await registry.store.close();

    const reopened = await open();
    try {
      expect(reopened.list(WIDGETS, POOL)).toEqual([{ WidgetId: 'w1', Size: 2 }]);
    } finally {
      await reopened.close();
    }
  });
});

describe('registering collections', () => {
  it('refuses a member another collection or the pool record already uses', async () => {
    await expect(Store.open(file, { collections: [...collections, WIDGETS] })).rejects.toThrow('store collection member "Widgets" is taken');
    await expect(Store.open(file, { collections: [durableCollection<Widget>({ ...WIDGETS, member: 'Keys' })] })).rejects.toThrow('"Keys" is taken');
  });
});
