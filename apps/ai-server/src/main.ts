import { loadConfigOrExit } from '@nexa/config';
import { defaultComexstatPath, defaultNcmTablePath, loadDefaultEngine } from '@nexa/engine';
import { startAiServer } from './start-ai-server';

const config = loadConfigOrExit();
const log = (message: string) => process.stdout.write(`${message}\n`);
if (!config.REDIS_URL) {
  process.stderr.write('The AI server publishes progress on Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379).\n');
  process.exit(78);
}
const tablePath = config.NCM_TABLE_PATH ?? defaultNcmTablePath();
if (!tablePath) {
  process.stderr.write('No NCM table: set NCM_TABLE_PATH to the official Siscomex JSON (Tabela NCM vigente).\n');
  process.exit(78);
}

try {
  const engine = loadDefaultEngine({ tablePath, comexstatPath: config.NCM_COMEXSTAT_PATH ?? defaultComexstatPath() });
  const server = await startAiServer({
    engine,
    redisUrl: config.REDIS_URL,
    host: config.AI_SERVER_HOST,
    port: config.AI_SERVER_PORT,
    token: config.AI_SERVER_TOKEN,
    logLevel: config.LOG_LEVEL,
    redisName: `${config.NEXA_REDIS_PREFIX}:ai`,
    learnFromPrefix: config.NEXA_REDIS_PREFIX,
  });
  log(`Nexa reference AI server at ${server.url} (NCM table ${engine.tableVersion}, ${engine.size} codes${config.AI_SERVER_TOKEN ? ', bearer token required' : ''})`);
  const stop = () => {
    const hardStop = setTimeout(() => process.exit(1), 10_000);
    hardStop.unref();
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  process.stderr.write(`The AI server could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
