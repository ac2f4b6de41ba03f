// Trusted documents: the server knows every operation of the dashboard by the sha256 hash
// GraphQL Code Generator embeds in it (`__meta__.hash`, listed in src/gql/
// persisted-documents.json), so the dashboard sends that id instead of the text — and a
// production server refuses any text at all.

import type { DocumentNode } from 'graphql';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';

/** The document's id in the manifest: `sha256:<hex>`. */
export function documentId(document: DocumentNode): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== 'string') throw new Error('not a generated document: run `npm run codegen`');
  return hash;
}

/** The Apollo link that sends `extensions.persistedQuery.sha256Hash` in place of the text. */
export function createTrustedDocumentsLink() {
  return createPersistedQueryLink({
    generateHash: (document) => documentId(document).replace(/^sha256:/, ''),
  });
}
