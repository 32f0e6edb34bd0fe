import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { openSrpState, sealSrpState } from './secret-block.js';
import { SpentSecretBlocks } from './spent-blocks.js';
import { N, fromHex, g, hexHash, k, mod, modPow, padHex } from '../../keys/srp-group.js';
import { parseSrpTimestamp } from './timestamp.js';
import { poolNameOf, verifierValue } from '../../keys/password-verifier.js';

/**
 * The server side of Cognito's `USER_SRP_AUTH` → `PASSWORD_VERIFIER` (SRP-6a,
 * cognito-reference-users §4.4), byte for byte what amazon-cognito-identity-js and Amplify compute.
 * No protocol here: the caller finds the user, says which error a refusal becomes, and issues tokens.
 */

/** How far a client's `TIMESTAMP` may be from server time (§9 Q3: Cognito gives no number). */
export const DEFAULT_TIMESTAMP_TOLERANCE_SECONDS = 300;
/** How long a `SECRET_BLOCK` answers: the app client's `AuthSessionValidity` default, 3 minutes (§4.6). */
export const DEFAULT_CHALLENGE_SECONDS = 180;

export interface SrpStartInput {
  poolId: string;
  /** The internal username (`USER_ID_FOR_SRP`), whatever alias the user typed. */
  userIdForSrp: string;
  /** The user's `SALT` (hex), kept with the verifier. */
  salt: string;
  /** v = g^x mod N as the store keeps it (`PasswordRecord.Verifier`). */
  verifier: string;
  /** `AuthParameters.SRP_A` as the client sent it. */
  srpA: string;
  /** Epoch ms: the clock the block's age is measured by. */
  now: number;
  /** The key blocks are sealed with; a key for the process when absent. */
  secretBlockKey?: Buffer;
}

/** `ChallengeParameters` of the `PASSWORD_VERIFIER` challenge (the caller adds `USERNAME`). */
export interface SrpChallenge {
  SALT: string;
  SECRET_BLOCK: string;
  SRP_B: string;
  USER_ID_FOR_SRP: string;
}

/** `invalid_srp_a`: not hex, or A mod N = 0 (RFC 5054; Cognito answers `InvalidParameterException`). */
export type SrpStartResult = { ok: true; challenge: SrpChallenge } | { ok: false; reason: 'invalid_srp_a' };

export interface SrpClaimInput {
  poolId: string;
  userIdForSrp: string;
  salt: string;
  /** As in SrpStartInput. */
  verifier: string;
  /** `ChallengeResponses.PASSWORD_CLAIM_SECRET_BLOCK`. */
  secretBlock: string;
  /** `ChallengeResponses.PASSWORD_CLAIM_SIGNATURE`. */
  signature: string;
  /** `ChallengeResponses.TIMESTAMP`. */
  timestamp: string;
  now: number;
  secretBlockKey?: Buffer;
  timestampToleranceSeconds?: number;
  challengeSeconds?: number;
  /** Where blocks that signed someone in are remembered; one list for the process when absent. */
  spentBlocks?: SpentSecretBlocks;
}

/**
 * Why a claim is refused. `timestamp_malformed` is Cognito's `InvalidParameterException` "TIMESTAMP
 * format should be EEE MMM d HH:mm:ss z yyyy in english."; `expired` a block older than the
 * challenge lifetime; `incorrect` Cognito's `NotAuthorizedException` "Incorrect username or
 * password.", `why` saying which check failed (for tests and logs, never for the client).
 */
export type SrpClaimResult =
  | { ok: true }
  | { ok: false; reason: 'timestamp_malformed' | 'expired' }
  | { ok: false; reason: 'incorrect'; why: 'secret_block' | 'timestamp' | 'signature' | 'replayed' };

/** A client's A is at most 768 hex digits (3072 bits); leading zeros are allowed up to a bound, so parsing stays cheap. */
const SRP_A = /^[0-9a-fA-F]{1,1024}$/;

const PROCESS_SPENT_BLOCKS = new SpentSecretBlocks();

export function startSrp(input: SrpStartInput): SrpStartResult {
  if (!SRP_A.test(input.srpA)) return { ok: false, reason: 'invalid_srp_a' };
  const A = fromHex(input.srpA);
  if (A % N === 0n) return { ok: false, reason: 'invalid_srp_a' };
  // A damaged verifier gets a challenge like any other; no claim answers it.
  const v = verifierValue(input.verifier) ?? 0n;
  for (;;) {
    // 256 random bits, RFC 5054 §2.5.3's floor for the private value: each of the two exponentiations
    // by b costs in proportion to its length, four times less than with 1,024 bits, and the
    // clients see only B.
    const b = fromHex(randomBytes(32).toString('hex'));
    const B = serverPublic(b, v);
    const u = B === 0n ? 0n : scramble(A, B);
    // The clients abort on B mod N = 0 or u = 0; draw again rather than send one (never happens in practice).
    if (u === 0n) continue;
    const secretBlock = sealSrpState({ issuedAt: input.now, b, u, A }, input.poolId, input.userIdForSrp, input.secretBlockKey);
    return { ok: true, challenge: { SALT: input.salt, SECRET_BLOCK: secretBlock, SRP_B: B.toString(16), USER_ID_FOR_SRP: input.userIdForSrp } };
  }
}

export function verifySrpClaim(input: SrpClaimInput): SrpClaimResult {
  const instant = parseSrpTimestamp(input.timestamp);
  if (instant === 'malformed') return { ok: false, reason: 'timestamp_malformed' };
  const state = openSrpState(input.secretBlock, input.poolId, input.userIdForSrp, input.secretBlockKey);
  if (!state) return { ok: false, reason: 'incorrect', why: 'secret_block' };
  const expiresAt = state.issuedAt + (input.challengeSeconds ?? DEFAULT_CHALLENGE_SECONDS) * 1000;
  if (input.now > expiresAt) return { ok: false, reason: 'expired' };
  const tolerance = (input.timestampToleranceSeconds ?? DEFAULT_TIMESTAMP_TOLERANCE_SECONDS) * 1000;
  if (instant === 'noncanonical' || Math.abs(input.now - instant) > tolerance) return { ok: false, reason: 'incorrect', why: 'timestamp' };

  // u comes from the block, sparing the claim B's exponentiation; v is the verifier as it is now,
  // so a password changed since the challenge yields another S and fails the claim.
  const v = verifierValue(input.verifier);
  if (v === undefined) return { ok: false, reason: 'incorrect', why: 'signature' };
  const { u } = state;
  const S = modPow(mod(state.A * modPow(v, u)), state.b);
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), 'Caldera Derived Key', 16));
  const expected = createHmac('sha256', key)
    .update(poolNameOf(input.poolId), 'utf8')
    .update(input.userIdForSrp, 'utf8')
    .update(Buffer.from(input.secretBlock, 'base64'))
    .update(input.timestamp, 'utf8')
    .digest();
  const given = Buffer.from(input.signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'incorrect', why: 'signature' };
  // A block signs in once. Its id is its IV (the first 12 bytes: 16 base64 characters), random per
  // block; only a block this server sealed gets this far, so no one can choose another block's IV.
  const spent = (input.spentBlocks ?? PROCESS_SPENT_BLOCKS).spend(input.secretBlock.slice(0, 16), expiresAt, input.now);
  return spent ? { ok: true } : { ok: false, reason: 'incorrect', why: 'replayed' };
}

/** B = (k·v + g^b) mod N. */
const serverPublic = (b: bigint, v: bigint): bigint => mod(k * v + modPow(g, b));

/** u = H(padHex(A) ‖ padHex(B)). */
const scramble = (A: bigint, B: bigint): bigint => fromHex(hexHash(padHex(A) + padHex(B)));
