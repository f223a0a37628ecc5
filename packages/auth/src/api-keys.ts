import { createHash, randomBytes } from 'node:crypto';

/** Every API key starts with this, so leaked keys are easy to recognise (and to scan for). */
export const API_KEY_PREFIX = 'nexa_';

export const isApiKey = (credential: string) => credential.startsWith(API_KEY_PREFIX);

/** A random 32-byte secret; only its sha256 is stored (a key has full entropy, so a slow hash adds nothing). */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 6), hash: hashApiKey(key) };
}

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');
