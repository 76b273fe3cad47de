import { randomBytes } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { testSecret } from './test-secret';
import { mintLocalToken, type Actor, type LocalTokenOptions } from '@social-posts/service-runtime';

/** A valid token for a user (an admin with `{ username, admin: true }`). */
export const tokenFor = (who: string | Actor, options: LocalTokenOptions = {}): string =>
  typeof who === 'string'
    ? mintLocalToken(testSecret(), who, options)
    : mintLocalToken(testSecret(), who.username, { admin: who.admin, ...options });

/** The Authorization header of a valid token for `who`. */
export const bearer = (who: string | Actor): { authorization: string } => ({
  authorization: `Bearer ${tokenFor(who)}`,
});

/** An admin of the services under test. */
export const ADMIN: Actor = { username: 'admin', admin: true };

const base64url = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Tokens a service must refuse with a 401, each for one reason: what an attacker or a broken
 * client sends. All name `victim` as their subject.
 */
export function forgedTokens(victim = 'ada'): Readonly<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const valid = tokenFor(victim);
  const [header, , signature] = valid.split('.');
  return {
    expired: sign({ sub: victim, exp: now - 3600 }, testSecret(), { algorithm: 'HS256' }),
    'without an expiry': sign({ sub: victim }, testSecret(), { algorithm: 'HS256' }),
    'not valid yet': sign({ sub: victim, exp: now + 3600, nbf: now + 1800 }, testSecret(), {
      algorithm: 'HS256',
    }),
    'signed with another secret': mintLocalToken(randomBytes(32).toString('hex'), victim),
    'tampered (subject changed after signing)': `${header}.${base64url({
      sub: 'admin',
      roles: ['admin'],
      exp: now + 3600,
    })}.${signature}`,
    '"alg": "none"': `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
      sub: victim,
      roles: ['admin'],
      exp: now + 3600,
    })}.`,
    'another algorithm (HS512) with the right secret': sign(
      { sub: victim, exp: now + 3600 },
      testSecret(),
      { algorithm: 'HS512' },
    ),
    'a subject that is not a user name': sign({ sub: ' \u0000', exp: now + 3600 }, testSecret(), {
      algorithm: 'HS256',
    }),
    'not a JWT': 'hello',
    truncated: valid.slice(0, -10),
  };
}
