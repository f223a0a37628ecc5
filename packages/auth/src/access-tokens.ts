import type { Role } from '@nexa/contracts';
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'nexa';
const AUDIENCE = 'nexa-api';

export interface AccessTokenClaims {
  userId: string;
  role: Role;
}

export interface AccessTokens {
  issue(claims: AccessTokenClaims): Promise<{ accessToken: string; expiresAt: Date }>;
  /** Null for anything not signed by us, expired, or malformed. */
  verify(token: string): Promise<AccessTokenClaims | null>;
}

/** Short-lived HS256 JWTs. */
export function createAccessTokens({ secret, ttlSeconds }: { secret: string; ttlSeconds: number }): AccessTokens {
  const key = new TextEncoder().encode(secret);
  return {
    async issue({ userId, role }) {
      const issuedAt = Math.floor(Date.now() / 1000);
      const expiresAt = new Date((issuedAt + ttlSeconds) * 1000);
      const accessToken = await new SignJWT({ role })
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
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
        if (typeof payload.sub !== 'string' || (payload.role !== 'admin' && payload.role !== 'user')) return null;
        return { userId: payload.sub, role: payload.role };
      } catch {
        return null;
      }
    },
  };
}
