import { defineConfig } from 'vitest/config';
import { isPostgresClosedSocketRace } from './db/errors.ts';

// Node-side tests. The web app's unit tests run from web/ (SvelteKit reads its config from the
// working directory): `cd web && npx vitest run`; `npm test` runs both.
export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'server/**/*.test.ts',
      'db/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A known postgres.js race when the database drops connections (db-outage.test.ts cuts them);
    // the server survives it the same way (server/main.ts). Every other unhandled error still fails.
    onUnhandledError: (error) => !isPostgresClosedSocketRace(error),
  },
});
