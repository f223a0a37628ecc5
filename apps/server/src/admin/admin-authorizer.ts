import type { Accounts, RateLimiter, Role } from '@nexa/contracts';
import { loginAttemptSubject } from '@nexa/router';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';

/** `ok`: an admin; `unauthorized`: no or unknown credential (401); `forbidden`: known but not an admin (403); `rate_limited`: too many sign-ins (429). */
export type AdminVerdict = 'ok' | 'unauthorized' | 'forbidden' | 'rate_limited';
export type AdminAuthorizer = (credential: AdminCredential) => Promise<AdminVerdict>;

/**
 * HTTP Basic (what a browser asks for when it opens an admin page: an admin's email and password)
 * or a bearer access token / API key (for scripts).
 */
export type AdminCredential = { kind: 'basic'; user: string; password: string } | { kind: 'bearer'; secret: string };

export function adminCredentialOf(request: FastifyRequest): AdminCredential | null {
  const header = request.headers.authorization ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  if (bearer) return { kind: 'bearer', secret: bearer[1]!.trim() };
  const basic = /^Basic\s+(.+)$/i.exec(header);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1]!.trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? { kind: 'basic', user: decoded.slice(0, colon), password: decoded.slice(colon + 1) } : null;
}

export interface AdminAuthorizerOptions {
  accounts: Accounts;
  /** The `auth.login` budget per email: Basic sign-ins here count against it too. */
  loginRateLimiter: RateLimiter;
  /** `ADMIN_TOKEN`, a shared secret for scripts and emergencies: accepted as bearer token or as Basic password. */
  adminToken?: string | undefined;
  /** How long a verified Basic sign-in is remembered, so the dashboard's many requests do not each hash a password. */
  rememberMs?: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();
const MAX_REMEMBERED_SIGN_INS = 100;

function roleVerdict(role: Role): AdminVerdict {
  return role === 'admin' ? 'ok' : 'forbidden';
}

/** Admin accounts (signed in with email and password, an access token or an API key) and, when set, `ADMIN_TOKEN`. */
export function createAdminAuthorizer({ accounts, loginRateLimiter, adminToken, rememberMs = 60_000 }: AdminAuthorizerOptions): AdminAuthorizer {
  const adminTokenDigest = adminToken ? sha256(adminToken) : null;
  const isAdminToken = (secret: string) => adminTokenDigest !== null && timingSafeEqual(sha256(secret), adminTokenDigest);
  const rememberedSignIns = new Map<string, { role: Role; until: number }>();

  async function signIn(email: string, password: string): Promise<AdminVerdict> {
    const key = sha256(`${email.trim().toLowerCase()}\n${password}`).toString('hex');
    const remembered = rememberedSignIns.get(key);
    if (remembered && remembered.until > Date.now()) return roleVerdict(remembered.role);
    rememberedSignIns.delete(key);
    const budget = await loginRateLimiter.consume(loginAttemptSubject(email));
    if (!budget.allowed) return 'rate_limited';
    const session = await accounts.login({ email, password });
    if (!session) return 'unauthorized';
    if (rememberedSignIns.size >= MAX_REMEMBERED_SIGN_INS) rememberedSignIns.delete(rememberedSignIns.keys().next().value!);
    rememberedSignIns.set(key, { role: session.user.role, until: Date.now() + rememberMs });
    return roleVerdict(session.user.role);
  }

  return async (credential) => {
    if (credential.kind === 'bearer') {
      if (isAdminToken(credential.secret)) return 'ok';
      const actor = await accounts.authenticate(credential.secret);
      return actor ? roleVerdict(actor.role) : 'unauthorized';
    }
    if (isAdminToken(credential.password)) return 'ok';
    if (!credential.user.includes('@')) return 'unauthorized';
    return signIn(credential.user, credential.password);
  };
}
