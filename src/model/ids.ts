import { randomBytes, randomInt } from 'node:crypto';

// Identifier formats of real Cognito (cognito-reference §2.4).

const base32 = (bytes: number, digits: number): string =>
  BigInt(`0x${randomBytes(bytes).toString('hex')}`).toString(32).padStart(digits, '0');

/** App client id: a random 128-bit number in lowercase base 32 (`[0-9a-v]`), 26 characters. */
export const newClientId = (): string => base32(16, 26);

/** Generated client secret: a random 256-bit number in lowercase base 32, 52 characters. */
export const newClientSecret = (): string => base32(32, 52);

const POOL_SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** User pool id: `<region>_<9 alphanumerics>`, as every real pool id looks. */
export function newUserPoolId(region: string): string {
  let suffix = '';
  for (let i = 0; i < 9; i++) suffix += POOL_SUFFIX_ALPHABET[randomInt(POOL_SUFFIX_ALPHABET.length)];
  return `${region}_${suffix}`;
}

const REGION = String.raw`(?:eusc-[a-z]{2}|[a-z]{2})-(?:gov-)?[a-z]+-\d`;

/** An AWS region as aws-jwt-verify 5.2 reads it from a pool id (reference §2.4). */
export const REGION_PATTERN = new RegExp(`^${REGION}$`);

/** aws-jwt-verify 5.2's pool id pattern (reference §2.4): pools outside it cannot be verified by it. */
export const USER_POOL_ID_PATTERN = new RegExp(`^(?<region>${REGION})_[a-zA-Z0-9]+$`);

/** The region a pool id names, e.g. `us-east-1` for `us-east-1_Example01`. */
export const regionOf = (userPoolId: string): string => userPoolId.slice(0, userPoolId.indexOf('_'));
