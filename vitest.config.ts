import { createRequire } from 'node:module';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const require = createRequire(import.meta.url);

// The integration suite runs once per engine: on SQLite always, on PostgreSQL when this names a server
// (each test file's servers get databases of their own on it).
const postgresqlServer = process.env.GLANCE_TEST_DATABASE_URL;
// Vitest reads this file once per project; the notice is printed once per run.
const NOTICE_PRINTED = Symbol.for('glance.postgresqlSkipNotice');
const shared = globalThis as { [NOTICE_PRINTED]?: true };
if (!postgresqlServer && !shared[NOTICE_PRINTED]) {
  shared[NOTICE_PRINTED] = true;
  console.log('PostgreSQL pass skipped: set GLANCE_TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres) to run it');
}

function integration(engine: 'sqlite' | 'postgresql'): TestProjectInlineConfiguration {
  return { extends: true, test: { name: engine, include: ['test/integration/**/*.test.ts'], provide: { databaseEngine: engine } } };
}

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS and ESM builds. Node (and so every dependency) loads the CommonJS one; Vite would
    // hand our sources the ESM one, and graphql refuses objects made by "another realm". Use one copy everywhere.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Integration tests mostly wait (on servers, databases, child processes), so three files at a time keep
    // two cores busy; vitest's default here would be one.
    maxWorkers: 3,
    // Files share the modules they import within a worker process (no test mocks or patches a module): loading
    // the server's modules again for each file cost more than running its tests.
    isolate: false,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      integration('sqlite'),
      ...(postgresqlServer ? [integration('postgresql')] : []),
    ],
  },
});
