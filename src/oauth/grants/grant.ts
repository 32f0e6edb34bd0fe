import type { TokenIssuing } from '../../context.js';
import type { IssuedTokens } from '../../domain/issued-tokens.js';
import type { UserPoolClient } from '../../model/types.js';
import type { ClientRecord } from '../../registry.js';

/** One authenticated token request, as a grant sees it. */
export interface GrantRequest {
  /** The client that authenticated (reference §1.3). */
  record: ClientRecord;
  /** The form's parameters (each present at most once). */
  form: ReadonlyMap<string, string>;
  /** The base URL the client reached the mock by (the `local` issuer). */
  publicUrl: string;
}

/**
 * A `grant_type` of the token endpoint. The endpoint runs the same steps for each: the client may
 * use the grant (`allowed`, else `unauthorized_client`), the required parameters are there (else
 * `invalid_request`), then `issue`.
 */
export interface Grant {
  /** Form parameters the grant cannot do without, checked in this order. */
  required: readonly string[];
  allowed(client: UserPoolClient): boolean;
  /** What a client needs for `allowed`, for the request log's reason. */
  needs: string;
  issue(request: GrantRequest, app: TokenIssuing): Promise<IssuedTokens>;
}

/** The OAuth gate and the flow itself (reference §6.5): without both, `unauthorized_client` (§1.7). */
export const allowsFlow = (client: UserPoolClient, flow: string): boolean =>
  client.AllowedOAuthFlowsUserPoolClient === true && client.AllowedOAuthFlows?.includes(flow) === true;
