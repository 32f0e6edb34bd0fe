import { DomainError, type SignInRefusal } from '../../model/domain-error.js';

/** A refused sign-in, refresh or token, for each protocol to word (cognito-reference-users §4.11). */
export const refused = (reason: SignInRefusal, clientId?: string): DomainError =>
  new DomainError({ code: 'sign_in_refused', reason, ...(clientId === undefined ? {} : { clientId }) });
