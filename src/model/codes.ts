// Confirmation and reset codes as the mock keeps them (cognito-reference-users §2.9, §2.10): six
// digits, one pending code per user (a new one replaces the old), each with its expiry and the
// count of wrong tries it has had. Codes are never sent anywhere: the log and the testing and
// /_mock APIs show them (README "Confirmation and reset codes").

/** What a code confirms: a sign-up (ConfirmSignUp) or a new password (ConfirmForgotPassword, after ForgotPassword or AdminResetUserPassword). */
export type CodeKind = 'signup' | 'forgot_password';

/** `CodeDeliveryDetailsType` (§2.9): where Cognito says it sent the code, the destination masked. */
export interface CodeDelivery {
  AttributeName: 'email' | 'phone_number';
  DeliveryMedium: 'EMAIL' | 'SMS';
  Destination: string;
}

export interface StoredCode {
  /** The internal username of the user the code is for: the key (one pending code per user). */
  Username: string;
  Kind: CodeKind;
  /** Six digits. */
  Code: string;
  /** Where the code "went"; the attribute a confirmed sign-up code verifies. */
  Delivery: CodeDelivery;
  /** Epoch milliseconds. */
  IssuedAt: number;
  ExpiresAt: number;
  /** Wrong codes tried against this one. */
  FailedAttempts: number;
  /** When ResendConfirmationCode issued codes within the last hour (epoch ms), carried from code to code. */
  Resends: number[];
}

const HOUR_MS = 3_600_000;

/** Sign-up codes are valid 24 h, reset codes 1 h; neither is configurable (§2.9, §2.10). */
export const CODE_VALIDITY_MS: Readonly<Record<CodeKind, number>> = { signup: 24 * HOUR_MS, forgot_password: HOUR_MS };

/**
 * Wrong codes a code takes before every further try is LimitExceededException: Cognito allows 15
 * ConfirmSignUp attempts an hour and 5–20 ConfirmForgotPassword attempts (§2.9, §2.10); the mock
 * counts them per code (a new code starts again) and takes the lower bound for resets [I].
 */
export const MAX_FAILED_ATTEMPTS: Readonly<Record<CodeKind, number>> = { signup: 15, forgot_password: 5 };

/** ResendConfirmationCode: 5 an hour (§2.9). */
export const MAX_RESENDS_PER_HOUR = 5;
export const RESEND_WINDOW_MS = HOUR_MS;

/**
 * An email as Cognito masks it: first character, `***@`, first character of the domain, `***`
 * (`b***@g***`, §2.9). A phone number keeps its last four digits (`+*******1212`): not captured,
 * the reference's choice (§9 Q14).
 */
export function maskedDestination(attribute: CodeDelivery['AttributeName'], value: string): string {
  if (attribute === 'phone_number') return `+${'*'.repeat(Math.max(value.length - 5, 0))}${value.slice(-4)}`;
  const at = value.lastIndexOf('@');
  return `${value.charAt(0)}***@${value.charAt(at + 1)}***`;
}

/** The delivery details for a code sent to this attribute's value. */
export const deliveryTo = (attribute: CodeDelivery['AttributeName'], value: string): CodeDelivery => ({
  AttributeName: attribute,
  DeliveryMedium: attribute === 'email' ? 'EMAIL' : 'SMS',
  Destination: maskedDestination(attribute, value),
});
