import { sign } from 'jsonwebtoken';

export interface LocalTokenOptions {
  readonly admin?: boolean;
  readonly expiresInSeconds?: number;
  readonly issuer?: string;
  readonly audience?: string;
}

/** Twelve hours: a working day with the local services. */
const DEFAULT_LIFETIME_SECONDS = 12 * 60 * 60;

/**
 * A bearer token for the services running with a shared secret (`AUTH_JWT_SECRET`): HS256,
 * subject `username`, role `admin` when asked. With an identity provider, tokens come from it.
 */
export function mintLocalToken(
  secret: string,
  username: string,
  options: LocalTokenOptions = {},
): string {
  return sign({ roles: options.admin ? ['admin'] : [] }, secret, {
    algorithm: 'HS256',
    subject: username,
    expiresIn: options.expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS,
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    ...(options.audience === undefined ? {} : { audience: options.audience }),
  });
}
