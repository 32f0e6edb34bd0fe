/** Wire codes of the token endpoint (cognito-reference §1.7). */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  // The revocation endpoint's (RFC 7009 §2.2.1, cognito-reference-users §6.10).
  | 'unsupported_token_type'
  // RFC 6749 §5.2 / §4.1.2.1 codes Cognito does not send; only injected faults use them (faults/).
  | 'server_error'
  | 'temporarily_unavailable';

/**
 * A token-endpoint failure, rendered as `{"error": code}`. Cognito answers 400 for every
 * token-endpoint error (reference §1.7); 413 is ours for oversized bodies. `detail` is for
 * logs only and never holds a secret; `description`, when given, is sent as `error_description`
 * (RFC 6749 §5.2; Cognito sends one "in some cases", reference §1.7).
 */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  readonly code: OAuthErrorCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly description: string | undefined;
  constructor(code: OAuthErrorCode, detail?: string, status = 400, description?: string) {
    super(detail === undefined ? code : `${code}: ${detail}`);
    this.code = code;
    this.detail = detail;
    this.status = status;
    this.description = description;
  }
}

/** A management-API failure, rendered as `{"__type": type, "message": message}` (reference §6.2). */
export class AwsApiError extends Error {
  override readonly name = 'AwsApiError';
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

/** A plain JSON error outside both protocols (unknown pool on the well-known routes, 404/405). */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}
