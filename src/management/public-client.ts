import { hidesUserExistence } from '../domain/sign-in/auth-flows.js';
import { requireSecretHash as requireClientSecretHash } from '../domain/sign-in/client-proof.js';
import { Problems, checkString } from '../model/problems.js';
import { CLIENT_ID_RULE } from '../model/rules.js';
import type { ClientRecord, Registry } from '../registry.js';
import { clientNotFound } from './messages.js';
import { throwFirst } from './throw-first.js';

// The public operations (SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword,
// ConfirmForgotPassword; cognito-reference-users §2.9, §2.10) name a client, not a pool: the pool
// is the client's, and a client with a secret must be sent the `SecretHash` of the username (§4.2).

/** `SecretHashType` (§4.2). */
const SECRET_HASH_RULE = { min: 1, max: 128, pattern: /^[\w+=/]+$/ };

/** The client named by `ClientId` and its pool, or ResourceNotFoundException "User pool client X does not exist.". */
export function publicClientOf(registry: Registry, input: Record<string, unknown>): ClientRecord {
  const p = new Problems();
  const id = checkString(p, input, 'ClientId', CLIENT_ID_RULE);
  throwFirst(p);
  const record = registry.client(id!);
  if (!record) throw clientNotFound(id!);
  return record;
}

/**
 * The request's `SecretHash` judged for this username (the one the request names, §4.2): for a
 * client with a secret, missing or wrong is NotAuthorizedException; a secret-less client ignores it.
 */
export function requireSecretHash({ client }: ClientRecord, username: string, input: Record<string, unknown>): void {
  const p = new Problems();
  const given = checkString(p, input, 'SecretHash', SECRET_HASH_RULE);
  throwFirst(p);
  requireClientSecretHash(client, username, given);
}

/** `PreventUserExistenceErrors: ENABLED`: the client hides whether a user exists (§4.11); LEGACY (the default) does not. */
export const hidesUsers = ({ client }: ClientRecord): boolean => hidesUserExistence(client);
