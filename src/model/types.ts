import type { Group, StoredUser } from './users.js';

// Store records keep the AWS API's own shapes (cognito-reference §6.4), so fixtures, the store
// and management-API responses share one vocabulary and `describe-*` output pastes in.

export type TimeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

export interface TokenValidityUnits {
  AccessToken?: TimeUnit;
  IdToken?: TimeUnit;
  RefreshToken?: TimeUnit;
}

export interface ResourceServerScope {
  ScopeName: string;
  ScopeDescription: string;
}

export interface ResourceServer {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes?: ResourceServerScope[];
}

/** `UserPoolClientType`, members in the model's order (reference §6.4). */
export interface UserPoolClient {
  UserPoolId: string;
  ClientName: string;
  ClientId: string;
  ClientSecret?: string;
  LastModifiedDate: number;
  CreationDate: number;
  RefreshTokenValidity?: number;
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  TokenValidityUnits?: TokenValidityUnits;
  ReadAttributes?: string[];
  WriteAttributes?: string[];
  ExplicitAuthFlows?: string[];
  SupportedIdentityProviders?: string[];
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  DefaultRedirectURI?: string;
  AllowedOAuthFlows?: string[];
  AllowedOAuthScopes?: string[];
  AllowedOAuthFlowsUserPoolClient?: boolean;
  AnalyticsConfiguration?: Record<string, unknown>;
  PreventUserExistenceErrors?: string;
  EnableTokenRevocation?: boolean;
  EnablePropagateAdditionalUserContextData?: boolean;
  AuthSessionValidity?: number;
  RefreshTokenRotation?: Record<string, unknown>;
  /**
   * Not a model member (never in an output): every active secret, oldest first, once a secret was
   * added or deleted (reference §6.3); `ClientSecret` is then the first one. See model/client-secrets.ts.
   */
  ClientSecrets?: StoredClientSecret[];
}

/** One active client secret: `ClientSecretDescriptorType` with its value (reference §6.3, §2.4). */
export interface StoredClientSecret {
  /** `<client-id>--<epoch-create-time>` (milliseconds here). */
  ClientSecretId: string;
  ClientSecretValue: string;
  /** Epoch seconds, as every date of the API. */
  ClientSecretCreateDate: number;
}

/** The members of `UserPoolClientType`, in model order: the order responses are written in. */
export const USER_POOL_CLIENT_MEMBERS = [
  'UserPoolId', 'ClientName', 'ClientId', 'ClientSecret', 'LastModifiedDate', 'CreationDate',
  'RefreshTokenValidity', 'AccessTokenValidity', 'IdTokenValidity', 'TokenValidityUnits',
  'ReadAttributes', 'WriteAttributes', 'ExplicitAuthFlows', 'SupportedIdentityProviders',
  'CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI', 'AllowedOAuthFlows', 'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient', 'AnalyticsConfiguration', 'PreventUserExistenceErrors',
  'EnableTokenRevocation', 'EnablePropagateAdditionalUserContextData', 'AuthSessionValidity',
  'RefreshTokenRotation',
] as const satisfies readonly (keyof UserPoolClient)[];

/** Members in the model's order, unset ones left out, as Cognito writes a `UserPoolClientType`. */
export function orderClient(client: Partial<UserPoolClient>): UserPoolClient {
  const ordered: Record<string, unknown> = {};
  for (const member of USER_POOL_CLIENT_MEMBERS) {
    if (client[member] !== undefined) ordered[member] = client[member];
  }
  return ordered as unknown as UserPoolClient;
}

/** `UserPoolType` members in the model's order (reference §6.3), the order DescribeUserPool writes. */
export const USER_POOL_MEMBERS = [
  'Id', 'Name', 'Policies', 'DeletionProtection', 'LambdaConfig', 'Status', 'LastModifiedDate', 'CreationDate',
  'SchemaAttributes', 'AutoVerifiedAttributes', 'AliasAttributes', 'UsernameAttributes', 'SmsVerificationMessage',
  'EmailVerificationMessage', 'EmailVerificationSubject', 'VerificationMessageTemplate', 'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings', 'MfaConfiguration', 'DeviceConfiguration', 'EstimatedNumberOfUsers',
  'EmailConfiguration', 'SmsConfiguration', 'UserPoolTags', 'SmsConfigurationFailure', 'EmailConfigurationFailure',
  'Domain', 'CustomDomain', 'AdminCreateUserConfig', 'UserPoolAddOns', 'DcrConfiguration', 'UsernameConfiguration',
  'Arn', 'AccountRecoverySetting', 'UserPoolTier', 'KeyConfiguration', 'IssuerConfiguration', 'AcrConfiguration',
] as const;

export type IssuerType = 'ORIGINAL' | 'UPDATED';

/** The parts of `UserPoolType` the mock keeps; other accepted members ride along untouched. */
export interface UserPool {
  Id: string;
  Name: string;
  LastModifiedDate: number;
  CreationDate: number;
  Domain?: string;
  LambdaConfig?: Record<string, unknown>;
  IssuerConfiguration?: { Type: IssuerType };
  UserPoolTier?: string;
  DeletionProtection?: string;
  [member: string]: unknown;
}

/** A private signing key as stored: PKCS#8 PEM (never served; the JWKS carries only public members). */
export interface StoredSigningKey {
  privateKeyPem: string;
}

export interface StoredPoolKeys {
  /** Signs access tokens. */
  access: StoredSigningKey;
  /** Signs ID tokens (never issued for M2M, but Cognito publishes both keys: reference §2.1). */
  id: StoredSigningKey;
  /**
   * Access-token keys rotated out but still published in the JWKS, so tokens they signed keep
   * verifying until they are retired (README "Key rotation"). Absent: none.
   */
  previous?: StoredSigningKey[];
}

/**
 * A pool as the store keeps it: its own members (`UserPool`, `Keys`), then one member per durable
 * collection, items by key (store/collections.ts registers them; a collection registered later
 * starts empty in a pool record written before it).
 */
export interface StoredPool {
  UserPool: UserPool;
  Keys: StoredPoolKeys;
  ResourceServers: Record<string, ResourceServer>;
  UserPoolClients: Record<string, UserPoolClient>;
  /** Users by `Username` and groups by `GroupName` (store/collections.ts); absent in records written before them. */
  Users?: Record<string, StoredUser>;
  Groups?: Record<string, Group>;
}

/** The store file (snapshot, with its journal replayed): the same JSON since format 1. */
export interface StoreData {
  formatVersion: 1;
  pools: Record<string, StoredPool>;
}
