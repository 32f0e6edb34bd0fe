import type { AwsApiError } from '../errors.js';
import type { CodeVerdict } from '../domain/codes/use-code.js';
import { attemptLimitExceeded, codeExpired, codeMismatch } from './messages.js';

/** The API's error for a code that did not confirm anything (§2.9): the verdict of domain/codes/use-code.ts in Cognito's words. */
export function codeRefusal(verdict: Exclude<CodeVerdict['verdict'], 'ok'>): AwsApiError {
  if (verdict === 'mismatch') return codeMismatch();
  if (verdict === 'limit_exceeded') return attemptLimitExceeded();
  return codeExpired();
}

/** `ConfirmationCode`: `[\S]+`, at most 2048 characters (§2.9). */
export const CONFIRMATION_CODE_RULE = { required: true, min: 1, max: 2048, pattern: /^[\S]+$/ };
