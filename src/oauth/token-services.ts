import type { IncomingHttpHeaders } from 'node:http';
import type { IssuerMode } from '../model/issuer.js';
import type { Registry } from '../registry.js';
import type { Faults } from '../faults/faults.js';
import type { PreTokenGenerationTriggers } from '../triggers/pre-token-generation-triggers.js';

/** What the token endpoint needs from the server. */
export interface TokenServices {
  registry: Registry;
  issuerMode: IssuerMode;
  /**
   * The base URL the server advertises to the sender of these request headers (the default one,
   * known once the server listens, without headers or unless URLs are taken from requests).
   */
  publicUrl: (headers?: IncomingHttpHeaders) => string;
  /** Pre token generation triggers (V3, client credentials). */
  triggers: PreTokenGenerationTriggers;
  /** Injected faults (off unless asked for). */
  faults: Faults;
}
