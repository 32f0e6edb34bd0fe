/**
 * The secret blocks whose claims already signed someone in. A block is stateless (the server keeps
 * nothing between InitiateAuth and RespondToAuthChallenge), so without this list an answer seen on
 * the wire could be sent again, unchanged, and sign in again until the block expires. Entries go
 * when their block expires, so the list holds at most the sign-ins of one challenge lifetime.
 */
export class SpentSecretBlocks {
  /** Block id → epoch ms its block expires. Insertion order is expiry order when every client has the same
   * challenge lifetime, nearly so otherwise: an entry kept a little long costs memory only. */
  readonly #expiries = new Map<string, number>();

  /** True the first time a block is spent; false for a block spent before and not yet expired. */
  spend(blockId: string, expiresAt: number, now: number): boolean {
    for (const [id, expiry] of this.#expiries) {
      if (expiry >= now) break;
      this.#expiries.delete(id);
    }
    if (this.#expiries.has(blockId)) return false;
    this.#expiries.set(blockId, expiresAt);
    return true;
  }

  get size(): number {
    return this.#expiries.size;
  }
}
