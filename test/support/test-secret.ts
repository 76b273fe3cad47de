import { randomBytes } from 'node:crypto';

/**
 * Gives every service this process starts a fresh shared secret (unless one is set), so that
 * tests and benchmarks mint their own tokens; a secret file or JWKS from the shell is dropped.
 * Every service shares one personal data master key, made here too.
 * (No path aliases here: Jest's global setup runs it without them.)
 */
export function useTestSecret(): void {
  delete process.env.AUTH_JWT_SECRET_FILE;
  delete process.env.AUTH_JWKS_URL;
  process.env.AUTH_JWT_SECRET ??= randomBytes(32).toString('base64url');
  // Likewise a master key of their own for personal data (post-cmd).
  delete process.env.PERSONAL_DATA_MASTER_KEY_FILE;
  process.env.PERSONAL_DATA_MASTER_KEY ??= randomBytes(32).toString('base64');
}

/** The secret the services under test verify tokens with. */
export const testSecret = (): string => {
  const secret = process.env.AUTH_JWT_SECRET;
  if (!secret) throw new Error('AUTH_JWT_SECRET is not set: run the tests through jest');
  return secret;
};
