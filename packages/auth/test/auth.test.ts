import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { API_KEY_PREFIX, createAccessTokens, generateApiKey, generateSecret, hashApiKey, hashPassword, loadOrCreateDevelopmentSecret, verifyPassword } from '../src/index';

describe('passwords', () => {
  it('are hashed with argon2id and verified', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain('correct horse battery');
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'wrong')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});

describe('access tokens', () => {
  const tokens = createAccessTokens({ secret: generateSecret(), ttlSeconds: 60 });

  it('carry the user, role and sign-in time, and expire', async () => {
    const { accessToken, expiresAt } = await tokens.issue({ userId: 'u-1', role: 'user' });
    const claims = await tokens.verify(accessToken);
    expect(claims).toMatchObject({ userId: 'u-1', role: 'user' });
    expect(Math.abs(claims!.signedInAt.getTime() - Date.now())).toBeLessThan(2_000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    // A refreshed token keeps the sign-in it descends from.
    const signedInAt = new Date(Date.now() - 3_600_000);
    const refreshed = await tokens.issue({ userId: 'u-1', role: 'user', signedInAt });
    expect((await tokens.verify(refreshed.accessToken))!.signedInAt.getTime()).toBe(Math.floor(signedInAt.getTime() / 1000) * 1000);
  });

  it('refuse expired, foreign and malformed tokens', async () => {
    const secret = generateSecret();
    const expired = await createAccessTokens({ secret, ttlSeconds: -1 }).issue({ userId: 'u-1', role: 'user' });
    expect(await createAccessTokens({ secret, ttlSeconds: 60 }).verify(expired.accessToken)).toBeNull();
    const foreign = await createAccessTokens({ secret: generateSecret(), ttlSeconds: 60 }).issue({ userId: 'u-1', role: 'admin' });
    expect(await tokens.verify(foreign.accessToken)).toBeNull();
    expect(await tokens.verify('a.b.c')).toBeNull();
  });

  it('stop working at expiry even after being verified before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const shortLived = createAccessTokens({ secret: generateSecret(), ttlSeconds: 2 });
      const { accessToken } = await shortLived.issue({ userId: 'u-2', role: 'user' });
      expect(await shortLived.verify(accessToken)).toMatchObject({ userId: 'u-2', role: 'user' });
      expect(await shortLived.verify(accessToken)).toMatchObject({ userId: 'u-2', role: 'user' });
      vi.setSystemTime(Date.now() + 3000);
      expect(await shortLived.verify(accessToken)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('API keys', () => {
  it('are recognisable, random, and stored only as sha256', () => {
    const first = generateApiKey();
    const second = generateApiKey();
    expect(first.key.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(first.key).not.toBe(second.key);
    expect(first.hash).toBe(hashApiKey(first.key));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.key.startsWith(first.prefix)).toBe(true);
    expect(first.prefix.length).toBeLessThan(first.key.length / 3);
  });
});

describe('the development secret', () => {
  it('is generated once per data directory, private to its owner, and reused', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nexa-secret-'));
    try {
      const created = await loadOrCreateDevelopmentSecret(dir);
      expect(created.created).toBe(true);
      expect(created.secret.length).toBeGreaterThanOrEqual(32);
      expect((await stat(created.file)).mode & 0o777).toBe(0o600);
      const again = await loadOrCreateDevelopmentSecret(dir);
      expect(again).toMatchObject({ created: false, secret: created.secret });
      expect((await readFile(created.file, 'utf8')).trim()).toBe(created.secret);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
