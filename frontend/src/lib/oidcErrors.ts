// Words for the codes the sign-in provider callback puts in the URL fragment
// (`#oidcError=<code>`, see docs/SIGN_IN_PROVIDERS.md), and reading them.
const MESSAGES: Record<string, string> = {
  invalid_state: 'That sign-in attempt expired or was started in another browser. Please try again.',
  access_denied: 'The sign-in was cancelled at the provider.',
  code_rejected: 'The provider refused the sign-in. Please try again.',
  invalid_token: 'The provider’s answer could not be verified. Please try again.',
  provider_unavailable: 'The sign-in provider is not reachable right now. Please try again later.',
  email_unverified: 'The provider did not confirm your email address, so no account was created.',
  link_required:
    'An account with this email already exists. Log in with your password, then link the provider in Settings → Security.',
  identity_in_use: 'That provider account is already linked to a Tally account.',
  account_disabled: 'This account is disabled.',
  unknown_provider: 'That sign-in provider is not configured.',
  rate_limited: 'Too many sign-in attempts. Please wait a minute.',
  server_error: 'Something went wrong while signing in. Please try again.',
};

/** The message for `code`, or a general one for a code this build does not know. */
export function oidcErrorMessage(code: string): string {
  return MESSAGES[code] ?? 'The sign-in did not succeed. Please try again.';
}

/** The value of `name` in a location fragment like `#oidcError=link_required`. */
export function fragmentParam(hash: string, name: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get(name);
}
