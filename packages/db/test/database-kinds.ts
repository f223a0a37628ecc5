import { createPostgresTestDatabase } from '@nexa/testing';
import { openDatabase, type DatabaseHandle } from '../src/index';

/** Every store test runs on both kinds Nexa supports: a PostgreSQL database of its own, and in-memory PGlite. */
export const databaseKinds = [
  [
    'postgres',
    async (): Promise<{ handle: DatabaseHandle; dispose: () => Promise<void> }> => {
      const database = await createPostgresTestDatabase();
      const handle = await openDatabase({ databaseUrl: database.url });
      return {
        handle,
        dispose: async () => {
          await handle.close();
          await database[Symbol.asyncDispose]();
        },
      };
    },
  ],
  [
    'pglite',
    async (): Promise<{ handle: DatabaseHandle; dispose: () => Promise<void> }> => {
      const handle = await openDatabase({ dataDir: 'memory://' });
      return { handle, dispose: () => handle.close() };
    },
  ],
] as const;
