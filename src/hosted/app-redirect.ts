/**
 * The redirect back to the app (cognito-reference-users §6.1, §6.8): the code grant's answer in
 * the query (after the redirect URI's own), the implicit grant's and its errors in the fragment.
 */
export function appRedirect(redirectUri: string, members: readonly (readonly [string, string | undefined])[], inFragment: boolean): string {
  const encoded = members.flatMap(([name, value]) => (value === undefined ? [] : [`${name}=${encodeURIComponent(value)}`])).join('&');
  if (inFragment) return `${redirectUri}#${encoded}`;
  return `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${encoded}`;
}
