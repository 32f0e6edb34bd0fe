import { AwsApiError } from '../errors.js';
import type { Problems } from '../model/problems.js';

/** The first broken rule as the API's error, `__type` and message as the rule words them: Cognito answers one error per request. */
export function throwFirst(p: Problems): void {
  const first = p.first;
  if (first) throw new AwsApiError(first.type, first.message);
}
