/**
 * API key material: `mck_` + 32 random bytes (base64url). Only the SHA-256 of the whole key is
 * stored (a high-entropy secret needs no slow hash), and a short prefix to recognise it in lists.
 */
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'mck_';

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, 10), hash: hashApiKey(key) };
}

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');
