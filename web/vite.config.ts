/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In `vite dev`, the API, health check and Socket.IO come from the server on port 3000.
const server = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [sveltekit()],
  // Rolldown's plugin timings are for whoever tunes the build, not for an organiser starting the app.
  build: { rolldownOptions: { checks: { bundlerTimings: false } } },
  server: {
    fs: { allow: ['../shared'] },
    proxy: {
      '/api': server,
      '/healthz': server,
      '/socket.io': { target: server, ws: true },
    },
  },
  // `cd web && vitest run`: unit tests of the web app's own modules (runes compile through the plugin).
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
