import { defineConfig } from 'vitest/config';

// Node-side tests. The web app's unit tests run from web/ (SvelteKit reads its config from the
// working directory): `cd web && npx vitest run`; `npm test` runs both.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'db/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
