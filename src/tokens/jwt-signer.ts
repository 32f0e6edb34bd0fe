import { sign } from 'node:crypto';
import { type SigningKey, cognitoJson } from '../keys/signing-key.js';

/**
 * RS256 JWTs with Cognito's header `{"kid","alg"}`, signed with node:crypto on a KeyObject imported
 * once: no per-token key parsing or JWK import.
 *
 * Two ways to the same bytes (RSASSA-PKCS1-v1_5 is deterministic): on the calling thread, or on
 * libuv's thread pool (node:crypto's callback form). A signature is almost all of a token's cost,
 * so with requests overlapping the pool lets every core sign; a lone request signs on the main
 * thread, which spares the hand-off to the pool and back. Measured on two cores: at 10
 * connections 1.4x the tokens/s of main-thread-only signing, at 1 connection the same as it
 * (always using the pool costs 10-20% there).
 */

/** The signing input `header.payload`, base64url. */
const signingInput = (key: SigningKey, claims: Record<string, unknown>): string =>
  `${key.headerSegment}.${Buffer.from(cognitoJson(claims)).toString('base64url')}`;

/** Synchronous, on the calling thread: for APIs that must return a token, not a promise (the testing API's mint*). */
export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const input = signingInput(key, claims);
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

/** Signatures handed to the thread pool and not yet back. */
let onPool = 0;
/**
 * The main thread signed since the event loop last came round: requests read in the same turn
 * overlap even though each signs before the next is read, so the next ones go to the pool.
 */
let signedThisTurn = false;

const clearTurn = (): void => {
  signedThisTurn = false;
};

/** On the thread pool, whatever else is in flight. */
export function signJwtOnPool(key: SigningKey, claims: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = signingInput(key, claims);
    // A key node:crypto refuses throws here, before the count (the executor's throw rejects).
    sign('sha256', Buffer.from(input), key.privateKey, (error, signature) => {
      onPool -= 1;
      if (error) reject(error);
      else resolve(`${input}.${signature.toString('base64url')}`);
    });
    onPool += 1;
  });
}

/** No other signature in flight: this one may sign on the main thread. */
function alone(): boolean {
  return onPool === 0 && !signedThisTurn;
}

/** On the main thread, noting it for this turn of the event loop. */
function signHere(key: SigningKey, claims: Record<string, unknown>): string {
  const token = signJwt(key, claims);
  if (!signedThisTurn) {
    signedThisTurn = true;
    setImmediate(clearTurn);
  }
  return token;
}

/** One token: on the main thread when no other signature is in flight, else on the pool. */
export function signJwtAsync(key: SigningKey, claims: Record<string, unknown>): Promise<string> {
  if (!alone()) return signJwtOnPool(key, claims);
  try {
    return Promise.resolve(signHere(key, claims));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Several tokens of one answer (ID and access token), in their order, signed at the same time:
 * all but the last on the pool; the last on the main thread meanwhile when nothing else is in
 * flight, else on the pool too.
 */
export function signJwts(tokens: readonly (readonly [SigningKey, Record<string, unknown>])[]): Promise<string[]> {
  const last = tokens.length - 1;
  const here = alone();
  const signed = tokens.map(([key, claims], i) => (here && i === last ? undefined : signJwtOnPool(key, claims)));
  try {
    // After the pool's are under way, so that they overlap it.
    if (here && last >= 0) signed[last] = Promise.resolve(signHere(...tokens[last]!));
  } catch (error) {
    signed[last] = Promise.reject(error);
  }
  return Promise.all(signed as Promise<string>[]);
}
