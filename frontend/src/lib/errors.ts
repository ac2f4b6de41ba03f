// What the API said went wrong, from an Apollo error: each GraphQL error's message and
// `extensions` (code, field, retryAfter), whether it came in a 200 response or in the
// body of a 4xx/5xx (401 invalid token, 429 rate limited).

import { ApolloError, type ServerError } from '@apollo/client';

/** One error as the API describes it. */
export interface ApiError {
  message: string;
  code: string | null;
  /** e.g. `input.email` for BAD_USER_INPUT and CONFLICT. */
  field: string | null;
  /** Seconds to wait, for RATE_LIMITED. */
  retryAfter: number | null;
}

interface RawError {
  message?: unknown;
  extensions?: Record<string, unknown> | null;
}

function fromRaw(raw: RawError): ApiError {
  const ext = raw.extensions ?? {};
  const retry = ext.retryAfter;
  return {
    message: typeof raw.message === 'string' ? raw.message : 'Something went wrong',
    code: typeof ext.code === 'string' ? ext.code : null,
    field: typeof ext.field === 'string' ? ext.field : null,
    retryAfter: typeof retry === 'number' ? retry : typeof retry === 'string' ? Number(retry) : null,
  };
}

function isServerError(error: unknown): error is ServerError {
  return error instanceof Error && error.name === 'ServerError' && 'statusCode' in error;
}

/** The HTTP status of a failed response behind `error`, if there was one. */
export function httpStatus(error: unknown): number | null {
  const network = error instanceof ApolloError ? error.networkError : error;
  return isServerError(network) ? network.statusCode : null;
}

/** Every API error inside `error` (an ApolloError, a ServerError, or anything else). */
export function apiErrors(error: unknown): ApiError[] {
  if (error == null) return [];
  const found: ApiError[] = [];
  const network = error instanceof ApolloError ? error.networkError : error;
  if (error instanceof ApolloError) {
    for (const e of error.graphQLErrors) found.push(fromRaw(e));
  }
  if (isServerError(network) && typeof network.result === 'object' && network.result) {
    const errors = (network.result as { errors?: unknown }).errors;
    if (Array.isArray(errors)) for (const e of errors) found.push(fromRaw(e as RawError));
  }
  if (found.length === 0) {
    const offline = network instanceof TypeError || (network instanceof Error && !isServerError(network));
    found.push({
      message: offline
        ? 'Tally could not be reached. Check your connection and try again.'
        : error instanceof Error
          ? error.message
          : 'Something went wrong',
      code: null,
      field: null,
      retryAfter: null,
    });
  }
  return found;
}

/** A sentence for a person: the wait for RATE_LIMITED, the API's message otherwise. */
export function describeApiError(e: ApiError): string {
  if (e.code === 'RATE_LIMITED') {
    const wait = e.retryAfter != null && Number.isFinite(e.retryAfter) ? e.retryAfter : null;
    return wait != null
      ? `Too many attempts. Please wait ${wait} second${wait === 1 ? '' : 's'} and try again.`
      : 'Too many attempts. Please wait a moment and try again.';
  }
  if (e.code === 'INTERNAL_SERVER_ERROR') return 'Tally hit an internal error. Please try again.';
  return e.message;
}

/** The errors of a form: by input name (the last part of `extensions.field`) and the rest. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string[];
  /** Seconds until another try, when rate limited. */
  retryAfter: number | null;
}

/**
 * Split `error` into messages for the inputs named in `fieldNames` (matched on the last
 * segment of `extensions.field`, e.g. `input.email` → `email`) and form-level messages.
 */
export function formErrors(error: unknown, fieldNames: readonly string[]): FormErrors {
  const result: FormErrors = { fields: {}, form: [], retryAfter: null };
  for (const e of apiErrors(error)) {
    const name = e.field?.split('.').pop() ?? null;
    if (e.code === 'RATE_LIMITED') result.retryAfter = e.retryAfter;
    if (name && fieldNames.includes(name) && !result.fields[name]) {
      result.fields[name] = describeApiError(e);
    } else {
      result.form.push(describeApiError(e));
    }
  }
  return result;
}
