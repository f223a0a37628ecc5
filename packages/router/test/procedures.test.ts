import { createAccessTokens, createAccounts, createUser, generateSecret } from '@nexa/auth';
import { createUserStore, openDatabase } from '@nexa/db';
import { describe, expect, it } from 'vitest';
import { credentialFrom, type NexaContext } from '../src/context';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { adminProcedure, createCallerFactory, createTRPCRouter, protectedProcedure, publicProcedure } from '../src/trpc';

const probe = createTRPCRouter({
  whoami: protectedProcedure.query(({ ctx }) => ctx.actor),
  adminOnly: adminProcedure.query(() => 'ok'),
  failing: publicProcedure.query(() => {
    throw new Error('Failed query: insert into "users" params: $argon2id$secret-hash');
  }),
});

describe('an unexpected failure', () => {
  it('reaches the caller as INTERNAL_SERVER_ERROR "internal error", without its message (which may quote a statement)', async () => {
    const response = await fetchRequestHandler({
      endpoint: '/trpc',
      req: new Request('http://localhost/trpc/failing'),
      router: probe,
      createContext: () => ({ credential: null }) as unknown as NexaContext,
    });
    const body = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(body).error).toMatchObject({ message: 'internal error', data: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(body).not.toContain('secret-hash');
  });
});

describe('credentialFrom', () => {
  it('reads a bearer header first, then connectionParams.token, and nothing else', () => {
    expect(credentialFrom({ req: { headers: { authorization: 'Bearer abc' } } })).toBe('abc');
    expect(credentialFrom({ req: { headers: { authorization: 'bearer abc' } }, info: { connectionParams: { token: 'ws' } } })).toBe('abc');
    expect(credentialFrom({ req: { headers: {} }, info: { connectionParams: { token: 'ws' } } })).toBe('ws');
    expect(credentialFrom({ req: { headers: { authorization: 'Basic abc' } } })).toBeNull();
    expect(credentialFrom({ info: { connectionParams: { token: '' } } })).toBeNull();
    expect(credentialFrom({})).toBeNull();
  });
});

describe('protectedProcedure and adminProcedure', () => {
  it('resolve the actor from the database and require the admin role', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      const users = createUserStore(database.db);
      const accounts = createAccounts({ users, tokens: createAccessTokens({ secret: generateSecret(), ttlSeconds: 60 }), registrationEnabled: true });
      await createUser(users, { email: 'user@example.com', password: 'user password 1' });
      const admin = await createUser(users, { email: 'admin@example.com', password: 'admin password 1', role: 'admin' });
      const callerWith = (credential: string | null) => createCallerFactory(probe)({ accounts, credential } as unknown as NexaContext);

      await expect(callerWith(null).whoami()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(callerWith('forged').whoami()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

      const userSession = (await accounts.login({ email: 'user@example.com', password: 'user password 1' }))!;
      expect(await callerWith(userSession.accessToken).whoami()).toMatchObject({ role: 'user', via: 'token', apiKeyId: null });
      await expect(callerWith(userSession.accessToken).adminOnly()).rejects.toMatchObject({ code: 'FORBIDDEN' });

      const adminSession = (await accounts.login({ email: 'admin@example.com', password: 'admin password 1' }))!;
      expect(await callerWith(adminSession.accessToken).adminOnly()).toBe('ok');

      // A demotion applies to tokens already issued.
      await users.setRole(admin!.id, 'user');
      await expect(callerWith(adminSession.accessToken).adminOnly()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await database.close();
    }
  });
});
