import { Problems, checkString } from '../model/problems.js';
import { throwFirst } from './throw-first.js';

/**
 * The `AccessToken` of a token-authorised call (GetUser, ChangePassword, …; cognito-reference-users
 * §2.11), required. Its form is judged with the token itself ("Invalid Access Token"), never
 * echoed in a validation message: the API model marks it sensitive.
 */
export function accessTokenOf(input: Record<string, unknown>): string {
  const p = new Problems();
  const token = checkString(p, input, 'AccessToken', { required: true });
  throwFirst(p);
  return token!;
}
