import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The `SECRET_BLOCK`: the server's half of an SRP sign-in, carried by the client between
 * `InitiateAuth` and `RespondToAuthChallenge` (Cognito's `PASSWORD_VERIFIER` has no `Session`: the
 * block is the state, §4.6). Opaque to clients, as Cognito's is: AES-256-GCM over the server's
 * secret ephemeral `b`, the scrambler `u`, the client's `A` and the issue time, bound (as
 * associated data) to the pool and the user, so a block changed by one bit, or issued to another
 * user, does not open.
 */
export interface SrpState {
  /** Epoch ms the challenge was issued. */
  issuedAt: number;
  /** The server's secret ephemeral value (256 bits). */
  b: bigint;
  /** u = H(A ‖ B) as the challenge computed it (256 bits): the claim need not recompute B. */
  u: bigint;
  /** The client's public value, as the client sent it (its hash input). */
  A: bigint;
}

const VERSION = 2;
const B_BYTES = 32;
const U_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The key blocks are sealed with when the caller gives none: one per process (blocks do not outlive a restart). */
const PROCESS_KEY = randomBytes(32);

const boundTo = (poolId: string, userIdForSrp: string): Buffer => Buffer.from(`${poolId}\0${userIdForSrp}`, 'utf8');

export function sealSrpState(state: SrpState, poolId: string, userIdForSrp: string, key: Buffer = PROCESS_KEY): string {
  const header = Buffer.alloc(9);
  header.writeUInt8(VERSION, 0);
  header.writeBigUInt64BE(BigInt(state.issuedAt), 1);
  const plain = Buffer.concat([header, fixed(state.b, B_BYTES), fixed(state.u, U_BYTES), minimal(state.A)]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(boundTo(poolId, userIdForSrp));
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64');
}

/** The state a block carries, or undefined for one this server did not issue to this user. */
export function openSrpState(block: string, poolId: string, userIdForSrp: string, key: Buffer = PROCESS_KEY): SrpState | undefined {
  const bytes = Buffer.from(block, 'base64');
  // Buffer.from skips what is not base64; a block must be the exact text issued.
  if (bytes.toString('base64') !== block || bytes.length <= IV_BYTES + TAG_BYTES + 9 + B_BYTES + U_BYTES) return undefined;
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES)).setAAD(boundTo(poolId, userIdForSrp));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
  if (plain.readUInt8(0) !== VERSION) return undefined;
  return {
    issuedAt: Number(plain.readBigUInt64BE(1)),
    b: BigInt(`0x${plain.subarray(9, 9 + B_BYTES).toString('hex')}`),
    u: BigInt(`0x${plain.subarray(9 + B_BYTES, 9 + B_BYTES + U_BYTES).toString('hex')}`),
    A: BigInt(`0x${plain.subarray(9 + B_BYTES + U_BYTES).toString('hex') || '0'}`),
  };
}

const fixed = (value: bigint, bytes: number): Buffer => Buffer.from(value.toString(16).padStart(bytes * 2, '0'), 'hex');
const minimal = (value: bigint): Buffer => {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex');
};
