/**
 * A worker process with the instant classifier, for the "server and worker in separate processes"
 * shape of the end-to-end benchmark. Configured like apps/worker (REDIS_URL, DATABASE_URL, …).
 */
import { loadConfig } from '@nexa/config';
import { openDatabase } from '@nexa/db';
import { startWorkerRuntime } from '@nexa/worker';
import { instantClassifier } from './instant-classifier';

const config = loadConfig(process.env);
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: 20 });
const worker = await startWorkerRuntime(config, config.REDIS_URL!, database, { classifier: instantClassifier });
process.stdout.write('instant worker ready\n');
process.once('SIGTERM', () => {
  void worker
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
