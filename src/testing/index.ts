// cognito-mock/testing: the mock inside a test process (README "Testing API"). This entry holds
// only the public names; it loads the server's token path and no more (the management API loads on
// first use, as in the CLI).
export { startCognitoMock } from './start-cognito-mock.js';
export type {
  CognitoMock, MockCode, MockJwks, MockResourceServer, MockUserPool, MockUserPoolClient, MockVerifierOptions, RotateKeysOptions,
  StartCognitoMockOptions,
} from './cognito-mock.js';
export type { MintAccessTokenOptions } from './mint-access-token.js';
export type { MintUserTokenOptions } from './mint-user-tokens.js';
export type { MockGroupInput, MockSignIn, MockUserInput, MockUserTokens } from './mock-users.js';
export type { MockHostedSignIn, MockHostedTokens } from './hosted-sign-in.js';
export { CognitoMockError, type CognitoMockErrorCode } from './cognito-mock-error.js';
export { vitestGlobalSetup, COGNITO_MOCK_KEY } from './vitest-global-setup.js';
export type { CognitoMockInfo, ProvideTarget } from './vitest-global-setup.js';
export type { Fault, HostedFault, ManagementFault, TokenFault } from '../model/fault.js';
export type { RequestLogEntry } from '../model/request-log.js';
export type { LogFormat, LogLevel } from '../middleware/request-lines.js';
export type { KeyRetirement, KeyRotation } from '../domain/key-rotation.js';
export type { PreTokenGenerationHandler, TriggerContext } from '../triggers/pre-token-generation-triggers.js';
export type {
  AccessTokenGeneration, ClaimsAndScopeOverrideDetails, ClaimsOverrideDetails, GroupConfiguration, IdTokenGeneration, PreTokenGenerationEvent,
  PreTokenGenerationV3Event, TokenGenerationSource,
} from '../triggers/pre-token-generation-event.js';
