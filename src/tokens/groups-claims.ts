/** A group of the user, as the claims need it. */
export interface TokenGroup {
  name: string;
  precedence?: number;
  roleArn?: string;
}

/**
 * The user's groups in token order: ascending `Precedence`, groups without one last, ties by name
 * (no sample settles Cognito's order, cognito-reference-users §9 Q9: this one is stable and documented).
 */
export function orderedGroups(groups: readonly TokenGroup[]): TokenGroup[] {
  const rank = (g: TokenGroup) => g.precedence ?? Number.POSITIVE_INFINITY;
  return [...groups].sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * `cognito:roles` and `cognito:preferred_role` (ID token only, §3.2): the role ARNs of the user's
 * groups, and the ARN of the group with the lowest precedence; a tie between groups with different
 * ARNs sets no preferred role; a group without a role contributes nothing.
 */
export function roleClaims(ordered: readonly TokenGroup[]): { roles: string[]; preferredRole?: string } {
  const withRole = ordered.filter((g): g is TokenGroup & { roleArn: string } => g.roleArn !== undefined);
  const roles = [...new Set(withRole.map((g) => g.roleArn))];
  const first = withRole[0];
  if (!first) return { roles };
  const tied = new Set(withRole.filter((g) => g.precedence === first.precedence).map((g) => g.roleArn));
  return tied.size === 1 ? { roles, preferredRole: first.roleArn } : { roles };
}
