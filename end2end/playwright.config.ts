import { defineConfig } from '@playwright/test';

// scripts/test.sh starts one portal on SQLite and one on PostgreSQL and passes
// their addresses and API tokens; every test runs against both.
const sqlite = process.env.PORTAL_SQLITE_URL ?? 'http://127.0.0.1:3000';
const postgres = process.env.PORTAL_POSTGRES_URL;

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  forbidOnly: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'sqlite', use: { baseURL: sqlite }, metadata: { apiToken: process.env.PORTAL_SQLITE_TOKEN, sqlite: process.env.PORTAL_SQLITE_DB } },
    ...(postgres
      ? [{ name: 'postgres', use: { baseURL: postgres }, metadata: { apiToken: process.env.PORTAL_POSTGRES_TOKEN, postgres: process.env.PORTAL_POSTGRES_DB } }]
      : []),
  ],
});
