import type { ManagementAction } from './action.js';
import { setEnabled } from './set-enabled.js';

/** AdminEnableUser (cognito-reference-users §2.8): sign-in works again. */
export const adminEnableUser: ManagementAction = (input, { registry }) => setEnabled(registry, input, true);
