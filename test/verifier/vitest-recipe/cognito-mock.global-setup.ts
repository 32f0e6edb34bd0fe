import { fileURLToPath } from 'node:url';
import { type CognitoMockInfo, vitestGlobalSetup } from '../../../src/testing/index.js';

// One cognito-mock for the whole run; test files read its URLs with inject('cognitoMock').
export default vitestGlobalSetup({ fixtures: fileURLToPath(new URL('cognito-fixtures.json', import.meta.url)) });

declare module 'vitest' {
  export interface ProvidedContext {
    cognitoMock: CognitoMockInfo;
  }
}
