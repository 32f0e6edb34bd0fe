import { authenticated } from '../domain/sign-in/authentication.js';
import { requireSecretHash } from '../domain/sign-in/client-proof.js';
import { answerNewPassword } from '../domain/sign-in/new-password.js';
import { finishSrpSignIn } from '../domain/sign-in/srp-sign-in.js';
import { Problems } from '../model/problems.js';
import type { StoredPool, UserPoolClient } from '../model/types.js';
import type { UserAttribute } from '../model/users.js';
import type { ActionContext } from './action.js';
import { CHALLENGE_NAMES, enumMember, requiredParameter, sessionOf, stringMap } from './auth-input.js';
import { authenticationOutput, authenticationResult, missingRequiredAttributes } from './auth-result.js';
import { invalidParameter } from './messages.js';
import { throwFirst } from './throw-first.js';
import { newPasswordOf, userAttributesOf, withAttributes } from './user-input.js';

const USER_ATTRIBUTE_PREFIX = 'userAttributes.';

/**
 * The answer to a challenge (RespondToAuthChallenge, AdminRespondToAuthChallenge;
 * cognito-reference-users §4.4, §4.5): PASSWORD_VERIFIER (SRP's proof) and NEW_PASSWORD_REQUIRED.
 * Every answer carries a SECRET_HASH made with its `USERNAME` for a client with a secret (§4.2).
 */
export async function answerChallenge(pool: StoredPool, client: UserPoolClient, input: Record<string, unknown>,
  context: ActionContext): Promise<Record<string, unknown>> {
  const name = enumMember(input, 'ChallengeName', CHALLENGE_NAMES);
  const responses = stringMap(input, 'ChallengeResponses');
  const session = sessionOf(input);
  const clientMetadata = stringMap(input, 'ClientMetadata');
  switch (name) {
    case 'PASSWORD_VERIFIER': {
      const username = requiredParameter(responses, 'USERNAME');
      requireSecretHash(client, username, responses.SECRET_HASH);
      const user = finishSrpSignIn(context.registry, pool, {
        username,
        secretBlock: requiredParameter(responses, 'PASSWORD_CLAIM_SECRET_BLOCK'),
        signature: requiredParameter(responses, 'PASSWORD_CLAIM_SIGNATURE'),
        timestamp: requiredParameter(responses, 'TIMESTAMP'),
      });
      return authenticationOutput(pool, await authenticated(context, pool, client, user, context.publicUrl, clientMetadata));
    }
    case 'NEW_PASSWORD_REQUIRED': {
      const username = requiredParameter(responses, 'USERNAME');
      requireSecretHash(client, username, responses.SECRET_HASH);
      const p = new Problems();
      const newPassword = newPasswordOf(p.at('ChallengeResponses'), pool, { NEW_PASSWORD: responses.NEW_PASSWORD }, 'NEW_PASSWORD', true);
      const given = userAttributesOf(p, pool, { UserAttributes: attributeAnswers(responses) }, 'UserAttributes', true) ?? [];
      throwFirst(p);
      const tokens = await answerNewPassword(context, {
        pool, client, session, username, newPassword: newPassword!, publicUrl: context.publicUrl, clientMetadata,
        attributes: (current) => {
          const after = withAttributes(current, given);
          const missing = missingRequiredAttributes(pool, { Attributes: after });
          // Cognito's text for a required attribute left out (SignUp's, §2.9) [I for this challenge].
          if (missing.length > 0) throw invalidParameter(`Attributes did not conform to the schema: ${missing.map((n) => `${n}: The attribute is required`).join(', ')}`);
          return after;
        },
      });
      return { AuthenticationResult: authenticationResult(tokens), ChallengeParameters: {} };
    }
    default:
      throw invalidParameter(`The challenge ${name} is not emulated by cognito-mock: it never issues one.`);
  }
}

/** The `userAttributes.<name>` entries of a NEW_PASSWORD_REQUIRED answer, as attributes. */
const attributeAnswers = (responses: Record<string, string>): UserAttribute[] =>
  Object.entries(responses).filter(([key]) => key.startsWith(USER_ATTRIBUTE_PREFIX))
    .map(([key, Value]) => ({ Name: key.slice(USER_ATTRIBUTE_PREFIX.length), Value }));
