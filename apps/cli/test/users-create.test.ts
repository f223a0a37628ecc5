import { openDatabase, tables } from '@nexa/db';
import { createPostgresTestDatabase } from '@nexa/testing';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-codes';
import { runNexa } from './run-nexa';

describe('nexa users create', () => {
  it('creates the first admin in the database Nexa uses, hashing the password; a second time it refuses', async () => {
    await using postgres = await createPostgresTestDatabase();
    const env = { DATABASE_URL: postgres.url, NEXA_NEW_PASSWORD: 'first-admin-password-1' };
    const created = await runNexa(['--json', 'users', 'create', '--email', 'Chefe@Empresa.example', '--admin'], env);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email: 'chefe@empresa.example', role: 'admin' });

    const database = await openDatabase({ databaseUrl: postgres.url });
    try {
      const [row] = await database.db.select().from(tables.users).where(eq(tables.users.email, 'chefe@empresa.example'));
      expect(row?.role).toBe('admin');
      expect(row?.passwordHash).not.toContain('first-admin-password-1');
    } finally {
      await database.close();
    }
    expect(created.stdout + created.stderr).not.toContain('first-admin-password-1');

    const again = await runNexa(['users', 'create', '--email', 'chefe@empresa.example'], env);
    expect(again.code).toBe(ExitCode.usage);
    expect(again.stderr).toContain('already exists');
  });

  it('without a password exits 2 before touching the database', async () => {
    const run = await runNexa(['users', 'create', '--email', 'x@example.com'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none', NEXA_NEW_PASSWORD: undefined });
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain('--password');
  });
});
