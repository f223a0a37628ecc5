import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const generateSecret = () => randomBytes(48).toString('base64url');

/**
 * For development without JWT_SECRET: a random secret kept in the data directory (mode 0600), so a
 * restart keeps sessions valid. Production refuses to start without JWT_SECRET (see @nexa/config).
 */
export async function loadOrCreateDevelopmentSecret(dataDir: string): Promise<{ secret: string; file: string; created: boolean }> {
  const file = path.resolve(dataDir, 'jwt-secret');
  const existing = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (existing.length >= 32) return { secret: existing, file, created: false };
  await mkdir(path.dirname(file), { recursive: true });
  const secret = generateSecret();
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return { secret, file, created: true };
}
