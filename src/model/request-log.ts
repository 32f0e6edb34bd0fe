/**
 * One answered request, as the request log keeps it: what was asked, by whom, what was answered,
 * and for a refusal why, in words. Never a secret, password, code or token: the edges that fill
 * it name clients, pools and users by id and say what was wrong, not what was sent.
 */
export interface RequestLogEntry {
  /** When the request arrived, epoch milliseconds. */
  time: number;
  method: string;
  /** The path, without the query (which can carry codes and tokens). */
  path: string;
  status: number;
  /** Milliseconds from arrival to the answer. */
  ms: number;
  /** The AWS operation (`InitiateAuth`), the grant (`client_credentials`) or the page (`login`). */
  operation?: string;
  clientId?: string;
  poolId?: string;
  /** The error answered: an OAuth code, an AWS `__type`, or a page's refusal. */
  error?: string;
  /** Why, in words, e.g. "client secret does not match client 1example… (pool us-east-1_Example01)". */
  reason?: string;
}

/** What an edge knows of its request besides method, path and status (filled as the request goes). */
export type RequestNote = Partial<Pick<RequestLogEntry, 'operation' | 'clientId' | 'poolId' | 'error' | 'reason'>>;

/** A note as edges write it: a value not known is left out. */
export type RequestNoteInput = { [K in keyof RequestNote]?: RequestNote[K] | undefined };

/** How many entries are kept: enough for a console's "last few hundred", bounded memory. */
export const REQUEST_LOG_CAPACITY = 500;

type Listener = (entry: RequestLogEntry) => void;

/** The recent requests, newest last, in a fixed-size ring; listeners see each entry as it is added. */
export class RequestLog {
  private readonly ring: (RequestLogEntry | undefined)[];
  private next = 0;
  private count = 0;
  private readonly listeners = new Set<Listener>();

  constructor(readonly capacity = REQUEST_LOG_CAPACITY) {
    this.ring = new Array<RequestLogEntry | undefined>(capacity);
  }

  add(entry: RequestLogEntry): void {
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count += 1;
    for (const listener of this.listeners) listener(entry);
  }

  /** The last `limit` entries (all kept by default), oldest first. */
  recent(limit = this.capacity): RequestLogEntry[] {
    const n = Math.min(limit, this.count);
    const out: RequestLogEntry[] = [];
    for (let i = n; i > 0; i -= 1) out.push(this.ring[(this.next - i + this.capacity) % this.capacity]!);
    return out;
  }

  /** Calls `listener` with every entry added from now on; the returned function stops it. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
