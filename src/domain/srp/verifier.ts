import { randomBytes } from 'node:crypto';
import { fromHex, g, hexHash, modPow, padHex, textHash } from './srp-group.js';

/** The part of a pool id the SRP hashes use: `AbCdEf123` for `us-east-1_AbCdEf123` (the clients' `poolName`). */
export const poolNameOf = (poolId: string): string => poolId.split('_')[1] ?? '';

/**
 * x = H(padHex(salt) ‖ H(poolName ‖ userIdForSrp ‖ ":" ‖ password)), exactly as both AWS JS clients
 * derive it (cognito-reference-users §4.4); `salt` is the hex the server sends as `SALT`.
 */
export function srpPrivateKey(poolId: string, userIdForSrp: string, password: string, salt: string): bigint {
  return fromHex(hexHash(padHex(fromHex(salt)) + textHash(`${poolNameOf(poolId)}${userIdForSrp}:${password}`)));
}

/**
 * Cognito's SRP verifier v = g^x mod N, as lower-case hex: what the server keeps instead of the
 * password, computed when the password is set, for the internal username (`USER_ID_FOR_SRP`).
 */
export function srpVerifier(poolId: string, userIdForSrp: string, password: string, salt: string): string {
  return modPow(g, srpPrivateKey(poolId, userIdForSrp, password, salt)).toString(16);
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
