import { loadConfigOrExit } from '@nexa/config';
import { openDatabase } from '@nexa/db';
import { startServerRuntime } from './server-runtime';

// A server process on its own (scaled out behind a load balancer): needs shared Redis and PostgreSQL.
const config = loadConfigOrExit();
if (!config.REDIS_URL || !config.DATABASE_URL) {
  process.stderr.write('apps/server needs REDIS_URL and DATABASE_URL; for everything in one process on embedded defaults run `pnpm start`.\n');
  process.exit(78);
}

if (!config.JWT_SECRET) {
  process.stderr.write('apps/server needs JWT_SECRET: every server instance must verify the tokens the others issue.\n');
  process.exit(78);
}

const database = await openDatabase({ databaseUrl: config.DATABASE_URL, migrationsFolder: config.NEXA_MIGRATIONS_DIR });
const server = await startServerRuntime(config, config.REDIS_URL, database);
process.stdout.write(`Nexa server listening at ${server.url}\n`);

const stop = () => {
  setTimeout(() => process.exit(1), 10_000).unref();
  server
    .close()
    .then(() => database.close())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
