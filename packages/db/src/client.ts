import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { schema } from './schema';

export type NexaDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: NexaDatabase;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/**
 * The SQL migrations: `packages/db/migrations` from the sources, or `migrations/` beside a bundled
 * `dist/*.js` (the build copies them there); `NEXA_MIGRATIONS_DIR` or the option overrides both.
 */
export function defaultMigrationsFolder(): string {
  if (process.env.NEXA_MIGRATIONS_DIR) return path.resolve(process.env.NEXA_MIGRATIONS_DIR);
  const candidates = ['../migrations', './migrations'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  return candidates.find((folder) => existsSync(path.join(folder, 'meta', '_journal.json'))) ?? candidates[0]!;
}
/** Any constant: it serialises concurrent migrations from several processes starting at once. */
const MIGRATION_LOCK_KEY = 7_316_221;

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; without it an embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps them in memory. */
  dataDir?: string;
  poolSize?: number;
  /** Where the SQL migrations are (see `defaultMigrationsFolder`). */
  migrationsFolder?: string | undefined;
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, migrationsFolder);
  return openPglite(options.dataDir ?? 'memory://', migrationsFolder);
}

async function openPostgres(connectionString: string, max: number, migrationsFolder: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 5000,
  });
  // An idle client that loses its server emits 'error' on the pool; without a listener that would crash the process.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as NexaDatabase;
  const lockClient = await pool.connect().catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg(lockClient), { migrationsFolder });
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    lockClient.release();
  }
  return { db, kind: 'postgres', close: () => pool.end() };
}

async function openPglite(dataDir: string, migrationsFolder: string): Promise<DatabaseHandle> {
  if (!dataDir.startsWith('memory://')) await mkdir(path.resolve(dataDir), { recursive: true });
  const client = new PGlite(dataDir);
  const db = drizzlePglite(client, { schema }) as unknown as NexaDatabase;
  await migratePglite(drizzlePglite(client), { migrationsFolder });
  return { db, kind: 'pglite', close: () => client.close() };
}

export async function pingDatabase(db: NexaDatabase): Promise<void> {
  await db.execute(sql`select 1`);
}

/** The rows of a raw `db.execute` (node-postgres and PGlite both answer `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const dialect = new PgDialect();

/**
 * A raw SQL statement with `sql.placeholder`s, prepared under `name`: PostgreSQL parses it once per
 * connection and, after a few runs, keeps one plan for it (for the multi-table statements of every job
 * planning is more than half their cost). Right for statements about one row, whose best plan does not
 * depend on the values. PGlite runs it in-process as it is.
 */
export function prepareRawStatement<Row>(db: NexaDatabase, name: string, statement: SQL): (values: Record<string, unknown>) => Promise<Row[]> {
  const prepared = db._.session.prepareQuery(dialect.sqlToQuery(statement), undefined, name, false);
  return async (values) => rowsOf<Row>(await prepared.execute(values));
}

/**
 * A raw SQL statement with `sql.placeholder`s, built once but planned on every run for the values it
 * carries: for statements over arrays of rows, where a plan kept from a run with a few rows, or from
 * when the tables were small, would scan whole tables on later runs.
 */
export function rawStatement<Row>(db: NexaDatabase, statement: SQL): (values: Record<string, unknown>) => Promise<Row[]> {
  const query = db._.session.prepareQuery(dialect.sqlToQuery(statement), undefined, undefined, false);
  return async (values) => rowsOf<Row>(await query.execute(values));
}
