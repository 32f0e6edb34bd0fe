import { describe, expect, it } from 'vitest';
import { importCycles, loadedWith } from '../support/source-imports.js';

// The testing entry (`cognito-mock/testing`) loads what a test's first token needs and no more:
// the server loads the management API and /_mock on first use, and an entry that imported them
// statically would undo that for every test file. And its modules import no one in a circle (an
// entry in a cycle sees half-initialised exports, depending on which file is loaded first).

const loaded = loadedWith('testing/index.ts');

describe('the testing entry', () => {
  it('loads no management action, neither the management API nor /_mock, until they are called', () => {
    // The routes the server builds at start (the token endpoint, the well-known documents) and none other.
    const routes = [...loaded].filter((file) => file.startsWith('routes/')).sort();
    expect(routes.filter((file) => !['routes/token.ts', 'routes/well-known.ts'].includes(file))).toEqual([]);
    // The management code it may load: names, shapes, messages and user lookups (latestCode names users as the API does),
    // never an action or the action table.
    const management = [...loaded].filter((file) => file.startsWith('management/')).sort();
    expect(management.filter((file) => !['management/aws-error-of.ts', 'management/messages.ts', 'management/operation-names.ts',
      'management/pool-policies.ts', 'management/pool-shape.ts', 'management/standard-attributes.ts',
      'management/pending-code.ts', 'management/user-lookups.ts', 'management/throw-first.ts'].includes(file))).toEqual([]);
  });

  it('has no import cycle among the files it loads', () => {
    expect(importCycles(loaded)).toEqual([]);
  });
});
