import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server (flowfile serve) serves the built files; `npm run dev` proxies the API to a server on 8080.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
