import { describe, expect, it } from 'vitest';
import { isTriggerFailure } from '../../src/triggers/trigger-failure.js';
import { applyUserTriggerResponse } from '../../src/triggers/user-token-event.js';

// How a trigger's answer changes a user's claims (cognito-reference-users §5.8), for the shapes
// the sign-in tests do not reach.

const CLAIMS = {
  id: { 'cognito:groups': ['admins'], 'cognito:roles': ['arn:aws:iam::1:role/a'], 'cognito:preferred_role': 'arn:aws:iam::1:role/a', sub: 's', token_use: 'id' },
  access: { sub: 's', 'cognito:groups': ['admins'], token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: 'alice' },
};
const SCOPES = ['aws.cognito.signin.user.admin'];
const answer = (response: Record<string, unknown>) => ({ response });

describe('applyUserTriggerResponse', () => {
  it('keeps the claims for a null answer, an undefined groupOverrideDetails, and the other version\'s member', () => {
    expect(applyUserTriggerResponse('V2_0', CLAIMS, SCOPES, answer({ claimsAndScopeOverrideDetails: null }))).toEqual(CLAIMS);
    expect(applyUserTriggerResponse('V3_0', CLAIMS, SCOPES, answer({ claimsAndScopeOverrideDetails: { groupOverrideDetails: undefined } }))).toEqual(CLAIMS);
    // A V2 answer to a V1 event, and a V1 answer to a V2 event, are not read.
    expect(applyUserTriggerResponse('V1_0', CLAIMS, SCOPES, answer({ claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToSuppress: ['cognito:groups'] } } }))).toEqual(CLAIMS);
    expect(applyUserTriggerResponse('V2_0', CLAIMS, SCOPES, answer({ claimsOverrideDetails: { claimsToSuppress: ['cognito:groups'] } }))).toEqual(CLAIMS);
  });

  it('an empty groupOverrideDetails removes groups and roles; a preferred role alone keeps only it', () => {
    const empty = applyUserTriggerResponse('V1_0', CLAIMS, SCOPES, answer({ claimsOverrideDetails: { groupOverrideDetails: {} } }));
    expect(empty.id).toEqual({ sub: 's', token_use: 'id' });
    expect(empty.access).not.toHaveProperty('cognito:groups');
    const preferred = applyUserTriggerResponse('V2_0', CLAIMS, SCOPES, answer({ claimsAndScopeOverrideDetails: { groupOverrideDetails: { preferredRole: 'arn:aws:iam::1:role/b' } } }));
    expect(preferred.id).toEqual({ 'cognito:preferred_role': 'arn:aws:iam::1:role/b', sub: 's', token_use: 'id' });
  });

  it('refuses malformed answers as invalid Lambda responses', () => {
    for (const [version, response] of [
      ['V2_0', { claimsAndScopeOverrideDetails: { groupOverrideDetails: ['admins'] } }],
      ['V2_0', { claimsAndScopeOverrideDetails: { groupOverrideDetails: { groupsToOverride: 'admins' } } }],
      ['V2_0', { claimsAndScopeOverrideDetails: { groupOverrideDetails: { preferredRole: 7 } } }],
      ['V3_0', { claimsAndScopeOverrideDetails: { idTokenGeneration: 'tenant' } }],
      ['V3_0', { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: ['two words'] } } }],
      ['V1_0', { claimsOverrideDetails: { claimsToAddOrOverride: { rps: 10 } } }],
      ['V1_0', { claimsOverrideDetails: 'none' }],
    ] as const) {
      let thrown: unknown;
      try {
        applyUserTriggerResponse(version, CLAIMS, SCOPES, answer(response));
      } catch (error) {
        thrown = error;
      }
      expect(isTriggerFailure(thrown) && thrown.problem.kind, JSON.stringify(response)).toBe('invalid_response');
    }
  });
});
