import type { TokenServices } from '../oauth/token-services.js';
import type { Registry } from '../registry.js';

/** What an action gets besides its input. */
export interface ActionContext {
  registry: Registry;
  /** The region the caller's SDK or CLI signed for (SigV4 credential scope); us-east-1 when unsigned. */
  region: string;
  services: TokenServices;
  /** The base URL the caller reached the mock by (for tokens with the `local` issuer). */
  publicUrl: string;
}

/**
 * One AWS action (cognito-reference §6.3): the parsed JSON input in, the output shape out. Actions
 * validate before they touch the registry and throw AwsApiError for every client error.
 */
export type ManagementAction = (input: Record<string, unknown>, context: ActionContext) => Promise<object> | object;
