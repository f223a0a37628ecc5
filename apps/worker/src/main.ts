import { loadConfigOrExit } from '@nexa/config';
import { openDatabase } from '@nexa/db';
import { startWorkerRuntime } from './worker-runtime';

// A worker process on its own (run as many as needed): needs shared Redis and PostgreSQL.
const config = loadConfigOrExit();
if (!config.REDIS_URL || !config.DATABASE_URL) {
  process.stderr.write('apps/worker needs REDIS_URL and DATABASE_URL; for everything in one process on embedded defaults run `pnpm start`.\n');
  process.exit(78);
}

const database = await openDatabase({ databaseUrl: config.DATABASE_URL });
const worker = await startWorkerRuntime(config, config.REDIS_URL, database, {
  onError: (error) => process.stderr.write(`worker error: ${error instanceof Error ? error.message : String(error)}\n`),
}).catch(async (error: unknown) => {
  // E.g. AI_PROVIDER=nexa-http without AI_SERVER_URL, or no NCM table for the reference engine.
  process.stderr.write(`The worker could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  await database.close();
  process.exit(78);
});
process.stdout.write(`Nexa worker running (concurrency ${config.WORKER_CONCURRENCY})\n`);

const stop = () => {
  setTimeout(() => process.exit(1), 10_000).unref();
  worker
    .close()
    .then(() => database.close())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
