import type { MockVerifierOptions, StartCognitoMockOptions } from './cognito-mock.js';
import { startCognitoMock } from './start-cognito-mock.js';

/**
 * The key under which {@link vitestGlobalSetup} provides the mock's {@link CognitoMockInfo} to tests
 * (`inject('cognitoMock')`).
 *
 * @example
 * declare module 'vitest' { interface ProvidedContext { [COGNITO_MOCK_KEY]: CognitoMockInfo } }
 */
export const COGNITO_MOCK_KEY = 'cognitoMock';

/**
 * A running mock, as plain data that crosses from vitest's main process to the test workers.
 * `pools` covers the pools the fixtures defined at start.
 *
 * @example
 * const { tokenEndpoint, pools } = inject('cognitoMock');
 * const verifier = createAccessTokenVerifier({ ...pools['us-east-1_Example01']!, clientId: null });
 */
export interface CognitoMockInfo {
  url: string;
  tokenEndpoint: string;
  pools: Record<string, MockVerifierOptions>;
}

/**
 * The part of vitest's `TestProject` the setup uses (kept structural so this package needs no
 * vitest types).
 *
 * @example
 * const target: ProvideTarget = { provide: (key, value) => provided.set(key, value) };
 */
export interface ProvideTarget {
  provide(key: typeof COGNITO_MOCK_KEY, value: CognitoMockInfo): void;
}

/**
 * A vitest `globalSetup` function: starts one mock for the whole run, provides its
 * {@link CognitoMockInfo} under `'cognitoMock'`, and stops it when the run ends. Test files read it
 * with `inject('cognitoMock')` and talk HTTP to it. (`mintAccessToken` needs the mock in the same
 * process: call `startCognitoMock` in the test file for that.)
 *
 * @example
 * // test/cognito-mock.global-setup.ts, listed in vitest.config.ts as test.globalSetup
 * import { type CognitoMockInfo, vitestGlobalSetup } from 'cognito-mock/testing';
 * export default vitestGlobalSetup({ fixtures: 'test/cognito.json' });
 * declare module 'vitest' { interface ProvidedContext { cognitoMock: CognitoMockInfo } }
 */
export function vitestGlobalSetup(options: StartCognitoMockOptions = {}): (project: ProvideTarget) => Promise<() => Promise<void>> {
  return async function cognitoMockGlobalSetup(project) {
    const mock = await startCognitoMock(options);
    const pools: Record<string, MockVerifierOptions> = {};
    for (const { Id } of mock.pools()) pools[Id] = mock.verifierOptions(Id);
    project.provide(COGNITO_MOCK_KEY, { url: mock.url, tokenEndpoint: mock.tokenEndpoint, pools });
    return () => mock.stop();
  };
}
