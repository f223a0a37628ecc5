import { reportingUnavailability, type ApiKey, type Role, type StoredApiKey, type User, type UserStore } from '@nexa/contracts';
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { NexaDatabase } from './client';
import { coalescedStatement } from './coalesced';
import { isDatabaseConnectivityError } from './connectivity';
import { apiKeys, users } from './schema';

type UserRow = typeof users.$inferSelect;
type ApiKeyRow = typeof apiKeys.$inferSelect;

const UNIQUE_VIOLATION = '23505';

function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.createdAt.toISOString() };
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
  }
  return false;
}

export function createUserStore(db: NexaDatabase): UserStore {
  return reportingUnavailability(createRawUserStore(db), 'database', isDatabaseConnectivityError);
}

function createRawUserStore(db: NexaDatabase): UserStore {
  // Every authenticated request reads its user: prepared once per connection, and the reads of
  // concurrent requests go together (see `coalesced`), in a statement planned for their number.
  const userByIdStatement = db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare('nexa_user_by_id');
  const userById = coalescedStatement({
    one: async (id: string) => (await userByIdStatement.execute({ id }))[0] ?? null,
    many: async (ids: string[]) => {
      const found = new Map((await db.select().from(users).where(inArray(users.id, ids))).map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    },
  });
  return {
    async insertUser({ email, name, role, passwordHash }) {
      try {
        const [row] = await db.insert(users).values({ email: email.toLowerCase(), name, role, passwordHash }).returning();
        return toUser(row!);
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },

    async findUserByEmail(email) {
      const [row] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
      return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
    },

    async getUser(id) {
      const row = await userById(id);
      return row ? toUser(row) : null;
    },

    async setRole(userId: string, role: Role) {
      await db.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, userId));
    },

    async countAdmins() {
      const [row] = await db.select({ admins: count() }).from(users).where(eq(users.role, 'admin'));
      return row?.admins ?? 0;
    },

    async insertApiKey({ userId, name, prefix, hash }) {
      const [row] = await db.insert(apiKeys).values({ userId, name, prefix, keyHash: hash }).returning();
      return toApiKey(row!);
    },

    async listApiKeys(userId) {
      const rows = await db.select().from(apiKeys).where(eq(apiKeys.userId, userId)).orderBy(apiKeys.createdAt);
      return rows.map(toApiKey);
    },

    async revokeApiKey(userId, keyId) {
      const revoked = await db
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      return revoked.length > 0;
    },

    async findApiKeyByHash(hash): Promise<StoredApiKey | null> {
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, hash));
      return row ? { ...toApiKey(row), userId: row.userId } : null;
    },

    async touchApiKey(keyId) {
      await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, keyId));
    },
  };
}
