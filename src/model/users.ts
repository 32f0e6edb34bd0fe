// Users and groups as the store keeps them (cognito-reference-users §2, §3): the API's own shapes
// (`UserType`, `GroupType`) plus what only the mock needs (the password verifier, memberships).

/** `AttributeType`: every value is a string on the API, `*_verified` ones `"true"`/`"false"` (§2.2). */
export interface UserAttribute {
  Name: string;
  Value: string;
}

/**
 * What sign-in needs of a password, never the password: Cognito's SRP verifier (§4.4).
 * keys/password-verifier.ts makes and checks it.
 */
export interface PasswordRecord {
  /** The 16-byte salt as lower-case hex without leading zeros: the `SALT` a PASSWORD_VERIFIER challenge sends. */
  Salt: string;
  /**
   * v = g^x mod N as its 384 bytes in base64 (512 characters); stores written before hold it as
   * lower-case hex without leading zeros, still read (keys/password-verifier.ts `verifierValue`).
   */
  Verifier: string;
  /** When it was set, epoch seconds: a temporary password expires `TemporaryPasswordValidityDays` after (§2.3). */
  SetDate: number;
}

/** `PasswordRecord.Verifier` as written now: 384 bytes in base64. */
export const BASE64_VERIFIER = /^[A-Za-z0-9+/]{512}$/;
/** `PasswordRecord.Verifier` as stores written before hold it. */
export const HEX_VERIFIER = /^[0-9a-f]{1,768}$/;

/** Whether a stored verifier is in one of its two forms (the store's check at load). */
export const isStoredVerifier = (value: unknown): boolean =>
  typeof value === 'string' && (value.length === 512 ? BASE64_VERIFIER.test(value) : HEX_VERIFIER.test(value));

/** The statuses a user can be in (§2.3); `ARCHIVED`, `UNKNOWN`, `COMPROMISED` are "no longer used". */
export const USER_STATUSES = ['UNCONFIRMED', 'CONFIRMED', 'FORCE_CHANGE_PASSWORD', 'RESET_REQUIRED', 'EXTERNAL_PROVIDER'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface StoredUser {
  /** The internal username, immutable and unique in the pool (§2.1). */
  Username: string;
  /** `sub` first, kept for life; the others in the order they were first set (responses reorder them, §1.2). */
  Attributes: UserAttribute[];
  Enabled: boolean;
  UserStatus: UserStatus;
  UserCreateDate: number;
  UserLastModifiedDate: number;
  /** Absent: the user has no password (none was ever set). */
  Password?: PasswordRecord;
  /**
   * Names of the groups the user is in, in the order they were added. On the user, not a
   * collection of its own: sign-in reads one user for its `cognito:groups`, a deleted user takes
   * its memberships along, and the 100-groups-per-user quota is one length check (§3.1).
   */
  Groups?: string[];
  /**
   * Epoch seconds of the last global sign-out or disabling (cognito-reference-users §4.10, §2.3):
   * access tokens issued until then are refused even where no sign-in session says so (those
   * without `origin_jti`).
   */
  TokensRevokedAt?: number;
}

/** `GroupType` (§3.1); unset `Description`, `RoleArn` and `Precedence` are left out. */
export interface Group {
  GroupName: string;
  UserPoolId: string;
  Description?: string;
  RoleArn?: string;
  Precedence?: number;
  LastModifiedDate: number;
  CreationDate: number;
}

/** `UsernameType` and `GroupNameType`: letters, marks, symbols, numbers, punctuation; no whitespace (§2.1, §3.1). */
const NAME_CHARACTERS = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
export const USERNAME_RULE = { required: true, min: 1, max: 128, pattern: NAME_CHARACTERS };
export const GROUP_NAME_RULE = { required: true, min: 1, max: 128, pattern: NAME_CHARACTERS };
export const GROUP_DESCRIPTION_RULE = { max: 2048 };
export const ATTRIBUTE_NAME_RULE = { required: true, min: 1, max: 32, pattern: NAME_CHARACTERS };
export const ATTRIBUTE_VALUE_RULE = { max: 2048 };
/** `Precedence`: a non-negative 32-bit integer (§3.1). */
export const MAX_PRECEDENCE = 2 ** 31 - 1;
/** Quotas (§3.1). */
export const MAX_GROUPS_PER_POOL = 10_000;
export const MAX_GROUPS_PER_USER = 100;

/** The value of one attribute, if set. */
export const attributeValue = (user: StoredUser, name: string): string | undefined =>
  user.Attributes.find((attribute) => attribute.Name === name)?.Value;

/** A user's `sub`. */
export const subOf = (user: StoredUser): string => attributeValue(user, 'sub') ?? '';
