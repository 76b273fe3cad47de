import {
  HttpStatus,
  ServiceUnavailableException,
  UnauthorizedException,
  HttpException,
} from '@nestjs/common';
import type { WithResponseHeaders } from '../problem-details';

/**
 * A 401 with its RFC 6750 challenge: no token (the client should get one), or a token that is
 * malformed, expired, wrongly signed or for someone else (`error="invalid_token"`).
 */
export class Unauthenticated extends UnauthorizedException implements WithResponseHeaders {
  readonly responseHeaders: Readonly<Record<string, string>>;

  constructor(detail: string, tokenSent: boolean) {
    super(detail);
    const quoted = detail.replace(/["\\]/g, "'");
    this.responseHeaders = {
      'WWW-Authenticate': tokenSent
        ? `Bearer realm="social-posts", error="invalid_token", error_description="${quoted}"`
        : 'Bearer realm="social-posts"',
    };
  }
}

/** A 429 that says when to try again (`Retry-After`, in seconds). */
export class TooManyRequests extends HttpException implements WithResponseHeaders {
  readonly responseHeaders: Readonly<Record<string, string>>;

  constructor(detail: string, retryAfterSeconds: number) {
    super(detail, HttpStatus.TOO_MANY_REQUESTS);
    this.responseHeaders = { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) };
  }
}

/** The identity provider's keys could not be fetched: the token may be fine, so not a 401. */
export class IdentityProviderUnavailable extends ServiceUnavailableException {
  constructor() {
    super('The identity provider’s signing keys could not be fetched; try again shortly.');
  }
}
