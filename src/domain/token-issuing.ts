import type { IssuerMode } from '../model/issuer.js';
import type { Registry } from '../registry.js';
import type { PreTokenGenerationTriggers } from '../triggers/pre-token-generation-triggers.js';

/** What issuing a token needs: the pool and client state, where `iss` points, the triggers. */
export interface TokenIssuing {
  registry: Registry;
  issuerMode: IssuerMode;
  triggers: PreTokenGenerationTriggers;
}
