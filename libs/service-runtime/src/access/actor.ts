import { MAX_USERNAME_LENGTH } from '@social-posts/post-events';

/** Who is acting: the verified token's user, and whether it holds the admin role. */
export interface Actor {
  readonly username: string;
  readonly admin: boolean;
}

/** Whether the viewer (if anyone said who they are) is `author`, or an admin. */
export const isAuthorOrAdmin = (viewer: Actor | undefined, author: string): boolean =>
  viewer !== undefined && (viewer.admin || viewer.username === author);

/** A token's claims, as verified: any JSON. */
export type Claims = Readonly<Record<string, unknown>>;

export interface ClaimNames {
  readonly usernameClaim: string;
  readonly rolesClaim: string;
  readonly adminRole: string;
}

/** Printable text: no control characters, no unpaired surrogates. */
const PRINTABLE = /^[^\p{Cc}\p{Cs}]+$/u;

/**
 * Whether `value` can be a user name: printable text, since events record it as given, with no
 * surrounding spaces, and no longer than the event contract allows.
 */
export const isUsername = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.trim() === value &&
  [...value].length <= MAX_USERNAME_LENGTH &&
  PRINTABLE.test(value);

/** Why a verified token still does not identify an actor. */
export class UnusableClaims extends Error {}

/** Follows a dotted path (`realm_access.roles`) into the claims. */
function claimAt(claims: Claims, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? (value as Claims)[key]
          : undefined,
      claims,
    );
}

/** Roles as an array (`roles`, Keycloak) or a space-separated string (OAuth `scope`). */
function rolesOf(value: unknown): readonly string[] {
  if (Array.isArray(value)) return value.filter((role): role is string => typeof role === 'string');
  if (typeof value === 'string') return value.split(' ');
  return [];
}

/**
 * The actor a verified token names. `exp` is required (a token that never expires cannot be
 * taken back); the user name must be one (`isUsername`), so that what a token lets in every part
 * can store.
 */
export function actorFromClaims(claims: Claims, names: ClaimNames): Actor {
  if (typeof claims.exp !== 'number') throw new UnusableClaims('The token has no expiry (exp).');
  const username = claimAt(claims, names.usernameClaim);
  if (!isUsername(username)) {
    throw new UnusableClaims(
      `The token's ${names.usernameClaim} claim is not a user name (printable text, ` +
        `no surrounding spaces, at most ${MAX_USERNAME_LENGTH} characters).`,
    );
  }
  return { username, admin: rolesOf(claimAt(claims, names.rolesClaim)).includes(names.adminRole) };
}
