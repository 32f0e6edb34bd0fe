/**
 * Where the server's own words for the operator go: warnings such as a store write that failed or
 * a trigger that cannot run. Each message names its subject and never holds a secret, a password,
 * a code or a token.
 */
export interface Log {
  warn(message: string): void;
}

/** The default: one line on stderr per message. */
export const stderrLog: Log = { warn: (message) => console.error(message) };
