import { createDiffieHellman, createHash } from 'node:crypto';

/**
 * The group Cognito's SRP runs in (cognito-reference-users §4.4): the RFC 5054 / RFC 3526 3072-bit
 * prime, g = 2, and the byte conventions both AWS JS clients use. A value the server hashes or
 * sends must be written exactly as the clients write it, or the two sides derive different keys.
 */
export const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD'
  + 'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED'
  + 'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F'
  + '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B'
  + 'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510'
  + '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7'
  + 'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C'
  + 'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const g = 2n;

/**
 * Java `BigInteger.toByteArray` as hex, the clients' `padHex`: even length, and a `00` sign byte
 * when the top bit is set (so `padHex(N)` is 385 bytes). Only non-negative values occur here.
 */
export function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  else if ('89abcdef'.includes(hex[0]!)) hex = `00${hex}`;
  return hex;
}

/** SHA-256 of the bytes a hex string spells, as 64 hex digits (the clients' `hexHash`). */
export const hexHash = (hex: string): string => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');

/** SHA-256 of UTF-8 text, as 64 hex digits (the clients' `hash`). */
export const textHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const fromHex = (hex: string): bigint => BigInt(`0x${hex}`);

/** k = H(padHex(N) ‖ padHex(g)) (SRP-6a's multiplier, as Cognito's clients compute it). */
export const k = fromHex(hexHash(padHex(N) + padHex(g)));

/** Modular arithmetic for values already reduced below N. */
export const mod = (value: bigint): bigint => ((value % N) + N) % N;

/**
 * base^exponent mod N, by OpenSSL (node:crypto's Diffie-Hellman over this prime computes exactly
 * `public^private mod N`): about ten times faster than BigInt square-and-multiply, and no
 * hand-written exponentiation. OpenSSL refuses the bases 0, 1 and N − 1, whose powers are known.
 */
export function modPow(base: bigint, exponent: bigint): bigint {
  const b = mod(base);
  if (b === 0n) return exponent === 0n ? 1n : 0n;
  if (exponent === 0n || b === 1n) return 1n;
  if (b === N - 1n) return exponent % 2n === 0n ? 1n : N - 1n;
  // N is prime, so b^(N−1) = 1 (Fermat): the exponent counts modulo N − 1, and OpenSSL takes no
  // private key past the prime.
  const e = exponent % (N - 1n);
  if (e === 0n) return 1n;
  group.setPrivateKey(bytesOf(e));
  return BigInt(`0x${group.computeSecret(bytesOf(b)).toString('hex')}`);
}

const bytesOf = (value: bigint): Buffer => {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex');
};

// One object for the process: creating it checks the prime once, and each use is synchronous.
const group = createDiffieHellman(bytesOf(N), bytesOf(g));
