import { createHmac, randomBytes } from 'node:crypto';
import { fromHex, g, modPow } from '../../keys/srp-group.js';

/**
 * What SRP answers for a user that does not exist when the app client has
 * `PreventUserExistenceErrors: ENABLED` (cognito-reference-users §4.4): a challenge like any other,
 * with "the same salt and an internal user ID in UUID format for the same user name and user pool
 * combination", and the failure only at the second step (the claim cannot match: no password
 * gives this verifier). Derived from the name by a keyed hash, so asking twice gives the same
 * answer and nothing is stored.
 */
export interface DecoySrpUser {
  userIdForSrp: string;
  salt: string;
  verifier: string;
}

/** The key decoys are derived with when the caller gives none: one per process. */
const PROCESS_KEY = randomBytes(32);

export function decoySrpUser(poolId: string, username: string, key: Buffer = PROCESS_KEY): DecoySrpUser {
  const derive = (purpose: string) => createHmac('sha256', key).update(`${purpose}\0${poolId}\0${username}`, 'utf8').digest();
  const id = derive('id');
  id[6] = (id[6]! & 0x0f) | 0x40;
  id[8] = (id[8]! & 0x3f) | 0x80;
  const hex = id.subarray(0, 16).toString('hex');
  const userIdForSrp = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  // 128 bits, leading zeros dropped, never zero (as newSrpSalt).
  const salt = (fromHex(derive('salt').subarray(0, 16).toString('hex')) | 1n).toString(16);
  const verifier = modPow(g, fromHex(derive('verifier').toString('hex'))).toString(16);
  return { userIdForSrp, salt, verifier };
}
