import type { Role } from '@nexa/contracts';
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'nexa';
const AUDIENCE = 'nexa-api';

export interface AccessTokenClaims {
  userId: string;
  role: Role;
  /** When the user signed in with a password: a refreshed token keeps it, so refreshing cannot outlast the session's limit. */
  signedInAt: Date;
}

export interface AccessTokens {
  /** Without `signedInAt`, the user signs in now. */
  issue(claims: Omit<AccessTokenClaims, 'signedInAt'> & { signedInAt?: Date }): Promise<{ accessToken: string; expiresAt: Date }>;
  /** Null for anything not signed by us, expired, or malformed. */
  verify(token: string): Promise<AccessTokenClaims | null>;
}

const MAX_VERIFIED_TOKENS = 10_000;

/** Short-lived HS256 JWTs. */
export function createAccessTokens({ secret, ttlSeconds }: { secret: string; ttlSeconds: number }): AccessTokens {
  const key = new TextEncoder().encode(secret);
  // A token's signature is checked once; every later call only checks its expiry (the hot path of each request).
  const verified = new Map<string, { claims: AccessTokenClaims; expiresAtMs: number }>();
  const remember = (token: string, claims: AccessTokenClaims, expiresAtMs: number) => {
    if (verified.size >= MAX_VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
    verified.set(token, { claims, expiresAtMs });
  };
  return {
    async issue({ userId, role, signedInAt }) {
      const issuedAt = Math.floor(Date.now() / 1000);
      const expiresAt = new Date((issuedAt + ttlSeconds) * 1000);
      const accessToken = await new SignJWT({ role, auth_time: signedInAt ? Math.floor(signedInAt.getTime() / 1000) : issuedAt })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(key);
      return { accessToken, expiresAt };
    },
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        if (Date.now() < known.expiresAtMs) return known.claims;
        verified.delete(token);
        return null;
      }
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
        if (typeof payload.sub !== 'string' || (payload.role !== 'admin' && payload.role !== 'user') || typeof payload.exp !== 'number') return null;
        // A token issued before sessions had a limit counts from its own issue time.
        const signedInAt = typeof payload.auth_time === 'number' ? payload.auth_time : (payload.iat ?? 0);
        const claims: AccessTokenClaims = { userId: payload.sub, role: payload.role, signedInAt: new Date(signedInAt * 1000) };
        remember(token, claims, payload.exp * 1000);
        return claims;
      } catch {
        return null;
      }
    },
  };
}
