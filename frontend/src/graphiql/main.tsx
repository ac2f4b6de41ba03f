// GraphiQL, bundled with the dashboard build (no CDN): `tally serve` answers `GET /graphql`
// with dist/graphiql.html under a policy that runs scripts and workers from this origin only.
// The Headers tab takes `{"Authorization": "Bearer <accessToken>"}`; headers are not kept.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_QUERY } from './defaultQuery';

const root = document.getElementById('graphiql');
if (!root) throw new Error('graphiql.html has no #graphiql');
const fetcher = createGraphiQLFetcher({ url: '/graphql' });

createRoot(root).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={DEFAULT_QUERY}
      defaultEditorToolsVisibility="headers"
      isHeadersEditorEnabled
      shouldPersistHeaders={false}
    />
  </StrictMode>,
);
