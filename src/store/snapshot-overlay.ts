import { ABSENT } from './store-state.js';

type Container = Record<string, unknown>;

/**
 * What the store held when a snapshot began, while memory moves on: a copy-on-write overlay. A
 * snapshot is written over many turns of the event loop, beside the writes, and must hold exactly
 * the committed state at its start, never a change made since (it may still fail and be undone)
 * nor one recorded but not yet on disk. So the first time a change touches a slot (a key of the
 * pools, of a pool record, or of a collection) while the snapshot runs, the value it replaced is
 * kept here, keyed by the very object that holds the slot; the changes not yet on disk when the
 * snapshot began are entered the same way at its start. The serializer reads through the overlay.
 * Keyed by object, not by path: a pool record replaced while the snapshot runs is read as it
 * was, with its own collections, whatever later changes do to the record that replaced it.
 * Items are replaced, never changed in place (Registry), so a slot's old value stays as it was.
 */
export class SnapshotOverlay {
  private readonly kept = new Map<object, Map<string, unknown>>();

  /** Keeps what `container[key]` held before a change, unless an earlier change since the start did. */
  keep(container: object, key: string, previous: unknown): void {
    const slots = this.kept.get(container) ?? new Map<string, unknown>();
    this.kept.set(container, slots);
    if (!slots.has(key)) slots.set(key, previous);
  }

  /** The keys `container` had at the start (and maybe some it has gained since: their value is ABSENT). */
  keys(container: object): string[] {
    const live = Object.keys(container);
    const slots = this.kept.get(container);
    if (!slots) return live;
    const gone = [...slots.keys()].filter((key) => !Object.hasOwn(container, key));
    return gone.length > 0 ? live.concat(gone) : live;
  }

  /** What `container[key]` held at the start, or ABSENT. */
  value(container: object, key: string): unknown {
    const slots = this.kept.get(container);
    if (slots?.has(key)) return slots.get(key);
    return Object.hasOwn(container, key) ? (container as Container)[key] : ABSENT;
  }
}
