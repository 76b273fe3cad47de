import { readFileSync } from 'node:fs';
import { mintLocalToken } from './local-tokens';

/**
 * `npm run token -- <username> [--admin]`: prints a bearer token for services that verify with
 * a shared secret, read from AUTH_JWT_SECRET or the file AUTH_JWT_SECRET_FILE names (the local
 * stack's, by default). AUTH_ISSUER and AUTH_AUDIENCE, when the services require them, too.
 */
function main(args: readonly string[]): void {
  const flags = args.filter((arg) => arg.startsWith('--'));
  const [username, ...more] = args.filter((arg) => !arg.startsWith('--'));
  const unknown = flags.filter((flag) => flag !== '--admin');
  if (username === undefined || more.length > 0 || unknown.length > 0) {
    throw new Error('usage: npm run token -- <username> [--admin]');
  }
  const file = process.env.AUTH_JWT_SECRET_FILE;
  const secret =
    process.env.AUTH_JWT_SECRET ??
    (file === undefined ? undefined : readFileSync(file, 'utf8').trim());
  if (!secret) {
    throw new Error(
      'no secret: set AUTH_JWT_SECRET or AUTH_JWT_SECRET_FILE (npm start sets up one)',
    );
  }
  console.log(
    mintLocalToken(secret, username, {
      admin: flags.includes('--admin'),
      issuer: process.env.AUTH_ISSUER,
      audience: process.env.AUTH_AUDIENCE,
    }),
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
