import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3199);
export const ADMIN_PASSWORD = 'e2e-admin-password';
// Runs on other ports (helpers working side by side) keep their own data and results.
const suffix = port === 3199 ? '' : `-${port}`;

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 30_000,
  reporter: [['list'], ['json']],
  outputDir: `../test-results/e2e${suffix}`,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // A fresh embedded database, or the PostgreSQL database E2E_DATABASE_URL (CI makes one for e2e
    // alone: the integration tests' database already has an admin with another password), no demo event.
    command: `rm -rf test-results/e2e-data${suffix} && node scripts/start.mjs`,
    cwd: '..',
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: `test-results/e2e-data${suffix}`,
      ADMIN_PASSWORD,
      JIANGXIN_DEMO: '0',
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
      // Specs that make sign-ins fail on purpose come from addresses of their own (X-Forwarded-For,
      // believed from loopback only), as tablets on a venue network do: otherwise their failures
      // count against the one address every other spec signs in from (server/domain/sign-in-guard.ts).
      TRUST_PROXY: '127.0.0.1, ::1',
    },
  },
});
