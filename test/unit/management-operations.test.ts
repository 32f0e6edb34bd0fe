import { describe, expect, it } from 'vitest';
import { MANAGEMENT_ACTIONS } from '../../src/management/index.js';
import { MANAGEMENT_OPERATIONS } from '../../src/management/operation-names.js';

describe('MANAGEMENT_OPERATIONS (the names fault checks use)', () => {
  it('names every operation the management API serves, and nothing else', () => {
    expect([...MANAGEMENT_OPERATIONS].sort()).toEqual([...MANAGEMENT_ACTIONS.keys()].sort());
  });
});
