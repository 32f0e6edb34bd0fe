import type { ManagementAction } from './action.js';
import { setEnabled } from './set-enabled.js';

/** AdminDisableUser (cognito-reference-users §2.3, §2.8): the user stays listed but cannot sign in ("User is disabled."). */
export const adminDisableUser: ManagementAction = (input, { registry }) => setEnabled(registry, input, false);
