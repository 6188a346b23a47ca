// SvelteKit as a single-page app: the Hono server serves web/build and falls back to index.html.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// WEB_BUILD_DIR (a folder under web/, default "build") lets two checkouts' builds run side by side.
const out = process.env.WEB_BUILD_DIR || 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    outDir: out === 'build' ? '.svelte-kit' : `.svelte-kit-${out}`,
    adapter: adapter({ pages: out, assets: out, fallback: 'index.html', strict: true, precompress: true }),
    alias: {
      // The contract in code (API types, realtime protocol, scoring), shared with the server.
      $shared: '../shared',
    },
  },
};

export default config;
