import type { Problems } from '../model/problems.js';
import { UNIT_SECONDS, checkClientConfig } from '../model/rules.js';
import { type StoredPool, type TimeUnit, USER_POOL_CLIENT_MEMBERS, type UserPoolClient } from '../model/types.js';

/** The members a caller configures; the rest (ids, secret, dates) belong to the client itself. */
const IDENTITY_MEMBERS = new Set(['UserPoolId', 'ClientId', 'ClientSecret', 'LastModifiedDate', 'CreationDate']);
export const CONFIG_MEMBERS: readonly string[] = USER_POOL_CLIENT_MEMBERS.filter((member) => !IDENTITY_MEMBERS.has(member));

/** Refresh tokens last 30 days unless set; 0 also means "the default value of 30 days" (reference §5). */
const DEFAULT_REFRESH_SECONDS = 30 * 86400;

export type ClientConfig = Omit<Partial<UserPoolClient>, 'UserPoolId' | 'ClientId' | 'ClientSecret' | 'LastModifiedDate' | 'CreationDate'>;

/**
 * The configuration CreateUserPoolClient and UpdateUserPoolClient store: the input's members,
 * checked by the rules fixtures share (model/rules.ts), with Cognito's defaults for what is left
 * out. Update replaces the whole configuration, so both actions build it the same way. Defaults as
 * in the observed minimal CreateUserPoolClient output (reference §6.4): `RefreshTokenValidity: 30`,
 * `TokenValidityUnits: {}`, `AllowedOAuthFlowsUserPoolClient: false`, `EnableTokenRevocation: true`,
 * `EnablePropagateAdditionalUserContextData: false`, `AuthSessionValidity: 3`; access and ID token
 * validities stay unset (one hour).
 */
export function clientConfig(p: Problems, input: Record<string, unknown>, pool: StoredPool, hasSecret: boolean): ClientConfig {
  checkClientConfig(p, input, { resourceServers: pool.ResourceServers, hasSecret });
  const config: Record<string, unknown> = {};
  for (const member of CONFIG_MEMBERS) {
    if (input[member] !== undefined && input[member] !== null) config[member] = input[member];
  }
  const units = (config.TokenValidityUnits ?? {}) as UserPoolClient['TokenValidityUnits'] & object;
  const refreshUnit: TimeUnit = units.RefreshToken ?? 'days';
  if (config.RefreshTokenValidity === undefined || config.RefreshTokenValidity === 0) {
    config.RefreshTokenValidity = DEFAULT_REFRESH_SECONDS / UNIT_SECONDS[refreshUnit];
  }
  return {
    ...config,
    TokenValidityUnits: units,
    AllowedOAuthFlowsUserPoolClient: config.AllowedOAuthFlowsUserPoolClient ?? false,
    EnableTokenRevocation: config.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: config.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: config.AuthSessionValidity ?? 3,
  } as ClientConfig;
}
