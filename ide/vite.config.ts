// Builds the GraphQL IDE page (GraphiQL from node_modules) into dist/ide, which the server serves under /ide/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/ide/',
  // The page is served with a 'self'-only Content-Security-Policy, so no asset may become a data: URL.
  build: {
    outDir: '../dist/ide',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 8_000,
    rollupOptions: {
      // GraphiQL's dependencies mark React server-component boundaries ("use client"), meaningless in this bundle.
      onwarn: (warning, warn) => warning.code === 'MODULE_LEVEL_DIRECTIVE' || warn(warning),
    },
  },
  worker: { format: 'es' },
  logLevel: 'warn',
});
