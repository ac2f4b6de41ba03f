// Entry point: one Apollo client and one in-memory session store for the page.
import { ApolloProvider } from '@apollo/client';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { createApolloClient } from './apollo/client';
import { App } from './App';
import { AuthProvider } from './auth/AuthProvider';
import { sessionApi } from './auth/session';
import { sessionStore } from './auth/sessionStore';
import { captureHandedOverChallenge } from './auth/twoFactor';
import './styles.css';

// Before the router can redirect and drop it: a 2FA challenge handed over in the fragment.
captureHandedOverChallenge();
const client = createApolloClient({ store: sessionStore, sessions: sessionApi });
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <AuthProvider store={sessionStore} sessions={sessionApi}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </AuthProvider>
    </ApolloProvider>
  </StrictMode>,
);
