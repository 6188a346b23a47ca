// SvelteKit as a single-page app: the Hono server serves web/build and falls back to index.html.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true, precompress: true }),
    alias: {
      // The contract in code (API types, realtime protocol, scoring), shared with the server.
      $shared: '../shared',
    },
  },
};

export default config;
