import { exitUnreachable, loadConfigOrExit } from '@nexa/config';
import { openDatabase } from '@nexa/db';
import { createLogger } from '@nexa/observability';
import { redactUrl, RedisUnreachableError } from '@nexa/queue';
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

const { DATABASE_URL, REDIS_URL } = config;
// The logger startServerRuntime would make; made here too so that a failure to start is a log line.
const logger = createLogger({ level: config.LOG_LEVEL, base: { process: 'server' } });
const database = await openDatabase({ databaseUrl: DATABASE_URL, migrationsFolder: config.NEXA_MIGRATIONS_DIR }).catch((error: unknown) =>
  exitUnreachable(logger, { service: 'PostgreSQL', variable: 'DATABASE_URL', url: redactUrl(DATABASE_URL) }, error),
);
const server = await startServerRuntime(config, REDIS_URL, database, { logger }).catch(async (error: unknown) => {
  if (!(error instanceof RedisUnreachableError)) throw error;
  await database.close().catch(() => {});
  return exitUnreachable(logger, { service: 'Redis', variable: 'REDIS_URL', url: redactUrl(REDIS_URL) }, error);
});
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
