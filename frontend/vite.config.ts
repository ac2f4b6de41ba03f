/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The built dashboard is served by `tally serve` under a CSP without 'unsafe-inline' for
// scripts: Vite's production output is external module scripts only (no inline code).
// GraphiQL's editor (Monaco) runs its language services in module workers from /assets/.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    // Two pages: the dashboard, and GraphiQL (served by `tally` at GET /graphql).
    rollupOptions: {
      input: { main: 'index.html', graphiql: 'graphiql.html' },
      // GraphiQL's packages carry React Compiler directives ("use no memo") that bundling
      // drops harmlessly; say nothing about them.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
  server: {
    // `npm run dev`: the API runs on `tally serve` (port 8000); same-origin for the cookie.
    proxy: { '/graphql': 'http://127.0.0.1:8000' },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
