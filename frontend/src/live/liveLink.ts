// Subscriptions go over the WebSocket (Apollo's GraphQLWsLink on a graphql-ws client), by
// trusted-document id like every other operation: the persisted-query link names the
// document in `extensions.persistedQuery`, and the text GraphQLWsLink prints is left out.
// Queries and mutations keep going over HTTP.
import { from, split, type ApolloLink } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import type { Client, SubscribePayload } from 'graphql-ws';
import { createTrustedDocumentsLink } from '../apollo/trusted';

/** `payload` without its text when it names a trusted document. */
export function idOnly(payload: SubscribePayload): SubscribePayload {
  const persisted = (payload.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? { ...payload, query: '' } : payload;
}

/** `client`, sending subscriptions by id. */
function byDocumentId(client: Client): Client {
  return { ...client, subscribe: (payload, sink) => client.subscribe(idOnly(payload), sink) };
}

/** The link for subscriptions over `socket`. */
export function createLiveLink(socket: Client): ApolloLink {
  return from([createTrustedDocumentsLink(), new GraphQLWsLink(byDocumentId(socket))]);
}

/** Subscriptions to `live`, everything else to `http`. */
export function splitLive(live: ApolloLink, http: ApolloLink): ApolloLink {
  return split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
    },
    live,
    http,
  );
}
