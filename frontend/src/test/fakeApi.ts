// A stand-in for Tally's /graphql in unit tests: a fetch that answers each operation (by
// operationName) with what the test says, and records every request it saw.
import { vi } from 'vitest';

export interface SeenRequest {
  operationName: string;
  /** The trusted document's id (`sha256:<hex>`), as `documentId` or Apollo's extension. */
  documentId: string;
  variables: Record<string, unknown>;
  authorization: string | null;
  credentials: RequestCredentials | undefined;
}

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Handler = (request: SeenRequest) => Reply | Promise<Reply>;

/** The API's answer to a refresh without a live session (no cookie, expired, revoked). */
export const SESSION_OVER: Handler = () => ({
  status: 200,
  body: {
    data: null,
    errors: [{ message: 'This session has ended; log in again', extensions: { code: 'UNAUTHENTICATED' } }],
  },
});

export function fakeApi(handlers: Record<string, Handler>) {
  const seen: SeenRequest[] = [];
  const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(init?.body as string) as {
      documentId?: string;
      extensions?: { persistedQuery?: { sha256Hash?: string } };
      operationName?: string;
      variables?: Record<string, unknown>;
    };
    const apolloHash = body.extensions?.persistedQuery?.sha256Hash;
    const headers = new Headers(init?.headers);
    const request: SeenRequest = {
      operationName: body.operationName ?? '',
      documentId: body.documentId ?? (apolloHash ? `sha256:${apolloHash}` : ''),
      variables: body.variables ?? {},
      authorization: headers.get('authorization'),
      credentials: init?.credentials,
    };
    seen.push(request);
    const handler = handlers[request.operationName] ?? (request.operationName === 'RefreshSession' ? SESSION_OVER : null);
    if (!handler) throw new Error(`no fake answer for operation ${request.operationName}`);
    const reply = await handler(request);
    return new Response(JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  });
  return { fetch, seen, count: (name: string) => seen.filter((r) => r.operationName === name).length };
}

/** The 401 the auth gate sends for an invalid, expired or revoked token. */
export const INVALID_TOKEN: Reply = {
  status: 401,
  headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  body: { errors: [{ message: 'The access token is invalid or expired', extensions: { code: 'UNAUTHENTICATED' } }] },
};

export function session(token: string) {
  return {
    __typename: 'AuthPayload' as const,
    accessToken: token,
    tokenType: 'Bearer',
    expiresAt: '2030-01-01T00:00:00Z',
    user: { __typename: 'User' as const, id: 'u1', username: 'ada', email: 'ada@example.com', baseCurrency: 'USD' },
  };
}
