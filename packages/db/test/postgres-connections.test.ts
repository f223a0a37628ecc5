import { createPostgresTestDatabase } from '@nexa/testing';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf } from '../src/client';
import { openDatabase } from '../src/index';

it('plans prepared statements on every run on each pooled PostgreSQL connection, so no plan made for small tables is kept', async () => {
  await using database = await createPostgresTestDatabase();
  const handle = await openDatabase({ databaseUrl: database.url, poolSize: 4 });
  try {
    // Held open together, so four different connections answer.
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => handle.db.execute(sql`SELECT current_setting('plan_cache_mode') AS mode, pg_backend_pid() AS pid, pg_sleep(0.05)`)),
    );
    const rows = answers.map((answer) => rowsOf<{ mode: string; pid: number }>(answer)[0]!);
    expect(new Set(rows.map((row) => row.pid)).size).toBe(4);
    expect(rows.map((row) => row.mode)).toEqual(Array(4).fill('force_custom_plan'));
  } finally {
    await handle.close();
  }
});
