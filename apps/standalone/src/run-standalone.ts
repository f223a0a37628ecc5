import path from 'node:path';
import { loadConfigOrExit } from '@nexa/config';
import { createUserStore } from '@nexa/db';
import { RedisNotInstalledError } from './embedded-redis';
import { startNexa } from './start-nexa';

export interface RunStandaloneOptions {
  /** The folder relative paths (NEXA_DATA_DIR) are resolved against. */
  startedIn?: string;
  log?(message: string): void;
}

/**
 * Runs the whole product as a foreground process until SIGINT/SIGTERM, then finishes running work
 * and exits: what `pnpm start` and `nexa start` both do.
 */
export async function runStandalone({
  startedIn = process.env.INIT_CWD ?? process.cwd(),
  log = (message) => process.stdout.write(`${message}\n`),
}: RunStandaloneOptions = {}): Promise<void> {
  const config = loadConfigOrExit();
  config.NEXA_DATA_DIR = path.resolve(startedIn, config.NEXA_DATA_DIR);

  try {
    const nexa = await startNexa({ config, log, importNcmTable: true });
    log(`Nexa is running at ${nexa.url} (API at ${nexa.url}/trpc, health at ${nexa.url}/readyz)`);
    if ((await createUserStore(nexa.database.db).countAdmins()) === 0) {
      log('No admin account yet: restart with NEXA_ADMIN_EMAIL and NEXA_ADMIN_PASSWORD set to create one.');
    }
    log(
      config.REGISTRATION_ENABLED
        ? `Create an account: curl -s -X POST ${nexa.url}/trpc/auth.register -H 'content-type: application/json' -d '{"email":"you@example.com","password":"at least 10 characters"}'`
        : 'Registration is off (REGISTRATION_ENABLED=false): accounts are created by an admin.',
    );
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`${signal} received: finishing running work and stopping…`);
      const hardStop = setTimeout(() => process.exit(1), 10_000);
      hardStop.unref();
      nexa.close().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`Shutdown failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  } catch (error) {
    process.stderr.write(`${error instanceof RedisNotInstalledError ? error.message : `Nexa could not start: ${error instanceof Error ? error.stack : String(error)}`}\n`);
    process.exit(1);
  }
}
