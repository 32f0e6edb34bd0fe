import type { IssuerMode } from '../model/issuer.js';
import type { Registry } from '../registry.js';

/** What the token endpoint needs from the server. */
export interface TokenServices {
  registry: Registry;
  issuerMode: IssuerMode;
  /** The base URL the server advertises (known once it listens). */
  publicUrl: () => string;
}
