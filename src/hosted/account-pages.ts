import type { UserAttribute } from '../model/users.js';
import { errorLine, escapeHtml, noticeLine, page, pageUrl } from './html.js';
import { attributeInputs } from './pages.js';

// The classic hosted UI's account pages beside the sign-in form (cognito-reference-users §6.3):
// sign up, confirm the account with its code, ask for a reset code, set a new password with it.
// Cognito's markup for these is not captured; the mock names its forms and fields in the manner of
// the sign-in form (`cognito…Form`, ids per field), and every page carries the authorize query on.

interface FormPage {
  query: string;
  csrf: string;
  error?: string | undefined;
  notice?: string | undefined;
}

const csrfField = (csrf: string): string => `<input type="hidden" name="_csrf" value="${escapeHtml(csrf)}">`;
const backToSignIn = (query: string): string =>
  `<p class="link">Already have an account? <a class="redirect-customizable" href="${pageUrl('/login', query)}">Sign in</a></p>`;

export interface SignUpPage extends FormPage {
  /** The label of the username field: "Email" in a pool whose users sign in with their email. */
  usernameLabel: string;
  /** The pool's required attributes, asked for as `requiredAttributes[<name>]`. */
  required: readonly string[];
  username?: string | undefined;
  values?: readonly UserAttribute[];
}

/** `/signup`: SignUp's username, password and the pool's required attributes. */
export function signUpPage(input: SignUpPage): string {
  return page('Sign up', `<h1>Sign up with a new account</h1>
${errorLine('signUpErrorMessage', input.error)}<form name="cognitoSignUpForm" method="post" action="${pageUrl('/signup', input.query)}">
${csrfField(input.csrf)}
<label for="signUpFormUsername">${escapeHtml(input.usernameLabel)}</label>
<input id="signUpFormUsername" name="username" type="text" autocomplete="username" autocapitalize="none" required value="${escapeHtml(input.username ?? '')}">
${attributeInputs(input.required, input.values ?? [])}<label for="signUpFormPassword">Password</label>
<input id="signUpFormPassword" name="password" type="password" autocomplete="new-password" required>
<input name="signUpButton" type="submit" value="Sign up">
</form>
${backToSignIn(input.query)}`);
}

export interface ConfirmPage extends FormPage {
  username: string;
  /** Where the code went, e.g. "b***@e***" (CodeDeliveryDetails.Destination). */
  destination?: string | undefined;
}

/** `/confirm`: ConfirmSignUp's code, or a new one (ResendConfirmationCode). */
export function confirmPage(input: ConfirmPage): string {
  const sent = input.destination === undefined ? 'Enter the code we sent you to confirm your account.'
    : `We have sent a code to ${input.destination}. Enter it below to confirm your account.`;
  return page('Confirm your account', `<h1>Confirm your account</h1>
${noticeLine('confirmNoticeMessage', input.notice)}${errorLine('confirmErrorMessage', input.error)}<p>${escapeHtml(sent)}</p>
<form name="cognitoConfirmForm" method="post" action="${pageUrl('/confirm', input.query)}">
${csrfField(input.csrf)}
<input type="hidden" name="username" value="${escapeHtml(input.username)}">
<label for="confirmationCode">Verification Code</label>
<input id="confirmationCode" name="confirmation_code" type="text" inputmode="numeric" autocomplete="one-time-code">
<input name="confirm" type="submit" value="Confirm Account">
<input class="secondary" name="resend" type="submit" value="Resend Code">
</form>
${backToSignIn(input.query)}`);
}

export interface ForgotPasswordPage extends FormPage {
  username?: string | undefined;
}

/** `/forgotPassword`: ForgotPassword's username. */
export function forgotPasswordPage(input: ForgotPasswordPage): string {
  return page('Forgot your password?', `<h1>Forgot your password?</h1>
${errorLine('forgotPasswordErrorMessage', input.error)}<p>Enter your username below and we will send a message to reset your password.</p>
<form name="cognitoForgotPasswordForm" method="post" action="${pageUrl('/forgotPassword', input.query)}">
${csrfField(input.csrf)}
<label for="forgotPasswordUsername">Username</label>
<input id="forgotPasswordUsername" name="username" type="text" autocomplete="username" autocapitalize="none" required value="${escapeHtml(input.username ?? '')}">
<input name="reset_my_password" type="submit" value="Reset my password">
</form>
${backToSignIn(input.query)}`);
}

export interface ResetPasswordPage extends FormPage {
  username: string;
  destination?: string | undefined;
}

/** `/confirmForgotPassword`: ConfirmForgotPassword's code and the new password, twice. */
export function resetPasswordPage(input: ResetPasswordPage): string {
  const sent = input.destination === undefined ? 'Enter the code we sent you and your new password.'
    : `We have sent a password reset code to ${input.destination}. Enter it below to reset your password.`;
  return page('Reset your password', `<h1>Reset your password</h1>
${errorLine('resetPasswordErrorMessage', input.error)}<p>${escapeHtml(sent)}</p>
<form name="cognitoConfirmForgotPasswordForm" method="post" action="${pageUrl('/confirmForgotPassword', input.query)}">
${csrfField(input.csrf)}
<input type="hidden" name="username" value="${escapeHtml(input.username)}">
<label for="forgotPasswordCode">Code</label>
<input id="forgotPasswordCode" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required>
<label for="newPassword">New Password</label>
<input id="newPassword" name="password" type="password" autocomplete="new-password" required>
<label for="confirmNewPassword">Enter New Password Again</label>
<input id="confirmNewPassword" name="confirmPassword" type="password" autocomplete="new-password" required>
<input name="change_password" type="submit" value="Change Password">
</form>
${backToSignIn(input.query)}`);
}
