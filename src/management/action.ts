import type { TokenIssuing } from '../context.js';
import type { Log } from '../model/log.js';

/** What an action gets besides its input: the parts of the application it may use, and the caller's region and URL. */
export interface ActionContext extends TokenIssuing {
  /** The region the caller's SDK or CLI signed for (SigV4 credential scope); us-east-1 when unsigned. */
  region: string;
  /** The base URL the caller reached the mock by (for tokens with the `local` issuer). */
  publicUrl: string;
  /** The operator's log: where the confirmation and reset codes are printed (the mock sends none). */
  log: Log;
}

/**
 * One AWS action (cognito-reference §6.3): the parsed JSON input in, the output shape out. Actions
 * validate before they touch the registry and throw AwsApiError for every client error.
 */
export type ManagementAction = (input: Record<string, unknown>, context: ActionContext) => Promise<object> | object;
