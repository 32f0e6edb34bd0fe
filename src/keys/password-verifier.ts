import { randomBytes, timingSafeEqual } from 'node:crypto';
import { BASE64_VERIFIER, HEX_VERIFIER, type PasswordRecord } from '../model/users.js';
import { rememberMatch, recentlyMatched } from './recent-passwords.js';
import { N, fromHex, g, hexHash, modPow, padHex, textHash } from './srp-group.js';

// Cognito's SRP password verifier (cognito-reference-users §4.4), what the store keeps instead of a
// password: v = g^x mod N with x = H(padHex(salt) ‖ H(poolName ‖ username ‖ ":" ‖ password)), so
// the same record serves the PASSWORD_VERIFIER challenge and a plain password check. The
// username is the internal one (`USER_ID_FOR_SRP`, a UUID in email-username pools), never an alias.

/** Bytes of N: verifiers are kept and compared at this width. */
const N_BYTES = 384;

/** `AbCdEf123` of `us-east-1_AbCdEf123`: the pool part the SRP hashes take (the clients' `poolName`). */
export const poolNameOf = (poolId: string): string => poolId.slice(poolId.indexOf('_') + 1);

/** x of SRP: the private value the password and salt make (§4.4). */
export function srpPrivateValue(poolId: string, username: string, password: string, salt: string): bigint {
  return fromHex(hexHash(padHex(fromHex(salt)) + textHash(`${poolNameOf(poolId)}${username}:${password}`)));
}

/**
 * A new salt: 128 random bits as lower-case hex with leading zeros dropped, as Cognito's `SALT`
 * looks (30–32 digits, §4.4). Zero is refused: the clients parse it as a number.
 */
export function newSrpSalt(): string {
  for (;;) {
    const salt = fromHex(randomBytes(16).toString('hex'));
    if (salt !== 0n) return salt.toString(16);
  }
}

/**
 * The verifier of a password: a fresh salt unless one is given (`salt`: hex, as
 * `PasswordRecord.Salt`). `setDate` is epoch seconds.
 */
export function passwordVerifier(poolId: string, username: string, password: string, setDate: number, salt?: string): PasswordRecord {
  const Salt = salt ?? newSrpSalt();
  return { Salt, Verifier: encodeVerifier(modPow(g, srpPrivateValue(poolId, username, password, Salt))), SetDate: setDate };
}

/**
 * v as the store keeps it: its N_BYTES in base64. Two thirds of hex's size, which a store of
 * 100,000 users reads (and holds) at every start: the verifier is most of a user's record.
 */
const encodeVerifier = (v: bigint): string => fixedWidth(v).toString('base64');

/**
 * v of a stored verifier, base64 or (a store written before) hex; undefined for a damaged one,
 * which no password matches. A 512-character value is base64: a hex one that long would be a v
 * below 2^2048, which a random x never gives (odds of 2^-1024).
 */
export function verifierValue(stored: string): bigint | undefined {
  let v: bigint;
  if (BASE64_VERIFIER.test(stored)) v = BigInt(`0x${Buffer.from(stored, 'base64').toString('hex')}`);
  else if (HEX_VERIFIER.test(stored)) v = BigInt(`0x${stored}`);
  else return undefined;
  return v < N ? v : undefined;
}

/** Whether `password` is the one the record was made from, compared in constant time (a recent success: remembered, recent-passwords.ts). */
export function passwordMatches(record: PasswordRecord, poolId: string, username: string, password: string): boolean {
  if (recentlyMatched(record, poolId, username, password)) return true;
  const stored = verifierValue(record.Verifier);
  const actual = fixedWidth(modPow(g, srpPrivateValue(poolId, username, password, record.Salt)));
  const matches = stored !== undefined && timingSafeEqual(fixedWidth(stored), actual);
  if (matches) rememberMatch(record, poolId, username, password);
  return matches;
}

/** A verifier as N-wide bytes: the stored form's bytes, and every comparison takes the same time. */
function fixedWidth(v: bigint): Buffer {
  return Buffer.from(v.toString(16).padStart(N_BYTES * 2, '0'), 'hex');
}
