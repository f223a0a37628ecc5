import { email as emailSchema, password as passwordSchema, type Accounts, type Role, type Session, type User, type UserStore } from '@nexa/contracts';
import type { AccessTokens } from './access-tokens';
import { generateApiKey, hashApiKey, isApiKey } from './api-keys';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords';

export const DEFAULT_SESSION_MAX_SECONDS = 12 * 3600;

export interface AccountsOptions {
  users: UserStore;
  tokens: AccessTokens;
  registrationEnabled: boolean;
  /** How long after signing in with a password an access token may still be refreshed. */
  sessionMaxSeconds?: number;
}

export function createAccounts({ users, tokens, registrationEnabled, sessionMaxSeconds = DEFAULT_SESSION_MAX_SECONDS }: AccountsOptions): Accounts {
  async function sessionFor(user: User, signedInAt?: Date): Promise<Session> {
    const { accessToken, expiresAt } = await tokens.issue({ userId: user.id, role: user.role, ...(signedInAt ? { signedInAt } : {}) });
    return { accessToken, expiresAt: expiresAt.toISOString(), user };
  }

  return {
    async register({ email, password, name }) {
      if (!registrationEnabled) return { ok: false, reason: 'registration_disabled' };
      // Always 'user': an admin comes only from the bootstrap variables or createUser().
      const user = await createUser(users, { email, password, name: name ?? null, role: 'user' });
      if (!user) return { ok: false, reason: 'email_taken' };
      return { ok: true, session: await sessionFor(user) };
    },

    async login({ email, password }) {
      const stored = await users.findUserByEmail(email);
      if (!stored) {
        await verifyPassword(await decoyPasswordHash(), password);
        return null;
      }
      if (!(await verifyPassword(stored.passwordHash, password))) return null;
      const { passwordHash: _hidden, ...user } = stored;
      return sessionFor(user);
    },

    async authenticate(credential) {
      if (isApiKey(credential)) {
        const key = await users.findApiKeyByHash(hashApiKey(credential));
        if (!key || key.revokedAt) return null;
        const user = await users.getUser(key.userId);
        if (!user) return null;
        await users.touchApiKey(key.id);
        return { userId: user.id, role: user.role, via: 'apiKey', apiKeyId: key.id };
      }
      const claims = await tokens.verify(credential);
      if (!claims) return null;
      // The role comes from the database, so a demotion takes effect before the token expires.
      const user = await users.getUser(claims.userId);
      if (!user) return null;
      return { userId: user.id, role: user.role, via: 'token', apiKeyId: null };
    },

    async renewSession(accessToken) {
      const claims = await tokens.verify(accessToken);
      if (!claims || Date.now() - claims.signedInAt.getTime() > sessionMaxSeconds * 1000) return null;
      const user = await users.getUser(claims.userId);
      return user ? sessionFor(user, claims.signedInAt) : null;
    },

    getUser: (userId) => users.getUser(userId),

    async createApiKey(userId, name) {
      const { key, prefix, hash } = generateApiKey();
      const stored = await users.insertApiKey({ userId, name, prefix, hash });
      return { ...stored, key };
    },

    listApiKeys: (userId) => users.listApiKeys(userId),
    revokeApiKey: (userId, keyId) => users.revokeApiKey(userId, keyId),
  };
}

export interface NewUser {
  email: string;
  password: string;
  name?: string | null;
  role?: Role;
}

/**
 * Creates an account with a hashed password; the one way to create an admin besides the bootstrap
 * variables (the CLI calls it). Null when the email is taken. Throws on an invalid email or password.
 */
export async function createUser(users: UserStore, { email, password, name = null, role = 'user' }: NewUser): Promise<User | null> {
  const validEmail = emailSchema.parse(email);
  passwordSchema.parse(password);
  return users.insertUser({ email: validEmail, name, role, passwordHash: await hashPassword(password) });
}

export type AdminBootstrapOutcome = 'created' | 'promoted' | 'unchanged' | 'refused';

/**
 * NEXA_ADMIN_EMAIL + NEXA_ADMIN_PASSWORD: creates that admin, or promotes an existing account that
 * signs in with NEXA_ADMIN_PASSWORD. An account under that email with another password is 'refused':
 * anyone may have registered it, and promoting it would hand the admin role to whoever knows its password.
 */
export async function bootstrapAdmin(users: UserStore, { email, password }: { email: string; password: string }): Promise<AdminBootstrapOutcome> {
  const existing = await users.findUserByEmail(email);
  if (existing) {
    if (existing.role === 'admin') return 'unchanged';
    if (!(await verifyPassword(existing.passwordHash, password))) return 'refused';
    await users.setRole(existing.id, 'admin');
    return 'promoted';
  }
  const created = await createUser(users, { email, password, role: 'admin' });
  if (created) return 'created';
  // Another process created it at the same moment.
  return bootstrapAdmin(users, { email, password });
}
