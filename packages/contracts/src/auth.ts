import { z } from 'zod';

export const role = z.enum(['admin', 'user']);
export type Role = z.infer<typeof role>;

export const email = z
  .string({ error: 'email must be a string' })
  .trim()
  .toLowerCase()
  .max(254, 'email must have at most 254 characters')
  .pipe(z.email('email must be a valid address'));

export const password = z
  .string({ error: 'password must be a string' })
  .min(10, 'password must have at least 10 characters')
  .max(256, 'password must have at most 256 characters');

export const user = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role,
  createdAt: z.string(),
});
export type User = z.infer<typeof user>;

/** Strict: a `role` (or any other unknown field) is refused, so self-registration can never ask for admin. */
export const registerInput = z.strictObject({
  email,
  password,
  name: z.string({ error: 'name must be a string' }).trim().min(1).max(200, 'name must have at most 200 characters').optional(),
});
export type RegisterInput = z.infer<typeof registerInput>;

export const loginInput = z.strictObject({
  email,
  password: z.string({ error: 'password must be a string' }).min(1, 'password is required').max(256),
});
export type LoginInput = z.infer<typeof loginInput>;

export const session = z.object({
  accessToken: z.string(),
  expiresAt: z.string(),
  user,
});
export type Session = z.infer<typeof session>;

export const apiKeyCreateInput = z.strictObject({
  name: z.string({ error: 'name must be a string' }).trim().min(1, 'name is required').max(100, 'name must have at most 100 characters'),
});

export const apiKey = z.object({
  id: z.string().uuid(),
  name: z.string(),
  /** The first characters of the key, enough to recognise it; never enough to use it. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKey>;

/** The only answer that ever holds the key itself. */
export const createdApiKey = apiKey.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKey>;

export const apiKeyRevokeInput = z.strictObject({ id: z.string().uuid('id must be a UUID') });

/** Who is calling, resolved from a verified access token or API key. */
export interface Actor {
  userId: string;
  role: Role;
  via: 'token' | 'apiKey';
  apiKeyId: string | null;
}
