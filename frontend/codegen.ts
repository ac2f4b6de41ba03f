// GraphQL Code Generator: types for every operation in src/ (graphql() tags), from the
// committed schema at the repository root. `npm run codegen` writes src/gql/;
// `npm run codegen:check` fails when that output is stale (CODEGEN_OUT redirects it).
import type { CodegenConfig } from '@graphql-codegen/cli';

const out = process.env.CODEGEN_OUT ?? 'src/gql/';

const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
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
