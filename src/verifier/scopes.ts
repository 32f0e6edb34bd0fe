import type { ScopeRule } from './options.js';

/**
 * The token's scopes as a set: the `scope` claim split on single spaces (RFC 6749 §3.3). Members are
 * compared whole, so a scope that merely starts with an allowed one (`orders/read-all`,
 * `orders/readx`) or a substring of the claim never matches.
 *
 * @example
 * tokenScopes('orders/read orders/write') // Set { 'orders/read', 'orders/write' }
 */
export function tokenScopes(scopeClaim: string | undefined): Set<string> {
  return new Set((scopeClaim ?? '').split(' ').filter((s) => s !== ''));
}

/**
 * Undefined when the claim satisfies the rule, else a message naming what is missing.
 *
 * @example
 * checkScopes('orders/read-all', { mode: 'allOf', scopes: ['orders/read'] })
 * // 'Missing scope: orders/read. Token scopes: orders/read-all'
 */
export function checkScopes(scopeClaim: string | undefined, rule: ScopeRule): string | undefined {
  const granted = tokenScopes(scopeClaim);
  const missing = rule.scopes.filter((s) => !granted.has(s));
  const ok = rule.mode === 'allOf' ? missing.length === 0 : missing.length < rule.scopes.length;
  if (ok) return undefined;
  const shown = scopeClaim === undefined || scopeClaim === '' ? 'none' : [...granted].join(', ');
  return rule.mode === 'allOf'
    ? `Missing scope: ${missing.join(', ')}. Token scopes: ${shown}`
    : `Scope not allowed: ${shown}. Expected one of: ${rule.scopes.join(', ')}`;
}
