import { runStandalone } from '@nexa/standalone';
import type { NexaCommand } from '../command';

export const startCommand: NexaCommand = {
  declare: (program) =>
    program
      .command('start')
      .description('run the whole product (server, worker, embedded Redis and PGlite unless REDIS_URL/DATABASE_URL are set) until Ctrl-C'),
  ownsSignals: true,
  async run() {
    await runStandalone();
    // runStandalone returns once Nexa is serving; the process lives on until SIGINT/SIGTERM stops it.
    return new Promise<never>(() => {});
  },
};
