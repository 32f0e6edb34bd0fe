import type { UserAttribute } from '../model/users.js';
import { attributeField, attributeLabel } from './attribute-fields.js';
import { errorLine, escapeHtml, noticeLine, page, pageUrl } from './html.js';

export interface SignInPage {
  query: string;
  csrf: string;
  /** Whether the pool lets users sign themselves up (not `AllowAdminCreateUserOnly`). */
  signUp: boolean;
  username?: string | undefined;
  error?: string | undefined;
  /** A line that is not an error, e.g. after a password reset. */
  notice?: string | undefined;
}

/**
 * The classic hosted UI's sign-in form (§6.3), with the names scripts and test suites rely on:
 * `cognitoSignInForm`, hidden `_csrf` and `cognitoAsfData`, `#signInFormUsername` (`username`),
 * `#signInFormPassword` (`password`), the `signInSubmitButton`; errors in `#loginErrorMessage`.
 * Rendered once, not twice (Cognito's desktop and mobile copies), so ids stay unique.
 */
export function signInPage(input: SignInPage): string {
  return page('Sign in', `<h1>Sign in with your username and password</h1>
${noticeLine('loginNoticeMessage', input.notice)}${errorLine('loginErrorMessage', input.error)}<form name="cognitoSignInForm" method="post" action="${pageUrl('/login', input.query)}">
<input type="hidden" name="_csrf" value="${escapeHtml(input.csrf)}">
<input type="hidden" name="cognitoAsfData" value="">
<label for="signInFormUsername">Username</label>
<input id="signInFormUsername" name="username" type="text" autocomplete="username" autocapitalize="none" required value="${escapeHtml(input.username ?? '')}">
<label for="signInFormPassword">Password</label>
<input id="signInFormPassword" name="password" type="password" autocomplete="current-password" required>
<p class="link"><a class="redirect-customizable" href="${pageUrl('/forgotPassword', input.query)}">Forgot your password?</a></p>
<input name="signInSubmitButton" type="submit" value="Sign in">
</form>
${input.signUp ? `<p class="link">Need an account? <a class="redirect-customizable" href="${pageUrl('/signup', input.query)}">Sign up</a></p>
` : ''}
<p class="note">cognito-mock: a local stand-in for Amazon Cognito's hosted login.</p>`);
}

export interface NewPasswordPage {
  query: string;
  csrf: string;
  username: string;
  session: string;
  /** Required attributes the user lacks, asked for beside the password (§4.5). */
  required: readonly string[];
  /** Values already given for them, shown again. */
  values?: readonly UserAttribute[];
  error?: string | undefined;
}

/** The page for a user with a temporary password (FORCE_CHANGE_PASSWORD; §9 Q27): a new password, twice. */
export function newPasswordPage(input: NewPasswordPage): string {
  return page('Change password', `<h1>Change Password</h1>
<p>Please enter a new password for ${escapeHtml(input.username)}.</p>
${errorLine('newPasswordErrorMessage', input.error)}<form name="cognitoNewPasswordForm" method="post" action="${pageUrl('/login', input.query)}">
<input type="hidden" name="_csrf" value="${escapeHtml(input.csrf)}">
<input type="hidden" name="username" value="${escapeHtml(input.username)}">
<input type="hidden" name="session" value="${escapeHtml(input.session)}">
<label for="newPassword">New Password</label>
<input id="newPassword" name="newPassword" type="password" autocomplete="new-password" required>
<label for="confirmNewPassword">Enter New Password Again</label>
<input id="confirmNewPassword" name="confirmNewPassword" type="password" autocomplete="new-password" required>
${attributeInputs(input.required, input.values ?? [])}<input name="newPasswordSubmitButton" type="submit" value="Send">
</form>`);
}

/** Cognito's error page (§6.2), with the mock's reason below its one sentence. */
export function errorPage(error: string, reason: string | undefined): string {
  return page('Error', `<h1>An error was encountered with the requested page.</h1>
<p id="errorCode">${escapeHtml(error)}</p>
${reason === undefined ? '' : `<p class="note" id="errorReason">${escapeHtml(reason)}</p>`}`);
}

/** A labelled text field for each attribute, `requiredAttributes[<name>]`, with any value given. */
export function attributeInputs(names: readonly string[], values: readonly UserAttribute[]): string {
  return names.map((name) => {
    const id = `requiredAttribute-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    const value = values.find((attribute) => attribute.Name === name)?.Value ?? '';
    return `<label for="${escapeHtml(id)}">${escapeHtml(attributeLabel(name))}</label>
<input id="${escapeHtml(id)}" name="${escapeHtml(attributeField(name))}" type="text" required value="${escapeHtml(value)}">
`;
  }).join('');
}
