// GraphQL Code Generator: types for every operation in src/ (graphql() tags), from the
// committed schema at the repository root. `npm run codegen` writes src/gql/;
// `npm run codegen:check` fails when that output is stale (CODEGEN_OUT redirects it).
import type { CodegenConfig } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';
import { Kind, visit } from 'graphql';

// `__typename` on every selection below the operation's root, as Apollo's cache adds it.
const typenameLikeApollo: Types.DocumentTransformObject = {
  transform: async (options) => {
    const documents = await addTypenameSelectionDocumentTransform.transform(options);
    return documents.map((file) => ({
      ...file,
      document:
        file.document &&
        visit(file.document, {
          OperationDefinition: (operation) => ({
            ...operation,
            selectionSet: {
              ...operation.selectionSet,
              selections: operation.selectionSet.selections.filter(
                (selection) => !(selection.kind === Kind.FIELD && selection.name.value === '__typename'),
              ),
            },
          }),
        }),
    }));
  },
};

const out = process.env.CODEGEN_OUT ?? 'src/gql/';

const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: 'client',
      // Apollo's cache adds `__typename` to what it sends; a trusted document must already
      // hold them, since the server runs the document of the manifest, not the client's text.
      documentTransforms: [typenameLikeApollo],
      presetConfig: {
        fragmentMasking: false,
        // persisted-documents.json: the trusted documents the server accepts by id (sha256).
        persistedDocuments: true,
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: {
          Date: 'string',
          DateTime: 'string',
          Decimal: 'string',
          JSON: 'unknown',
          Month: 'string',
          UUID: 'string',
        },
      },
    },
  },
  hooks: {},
};

export default config;
