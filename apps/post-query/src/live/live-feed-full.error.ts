import type { WithResponseHeaders } from '@social-posts/service-runtime';

/** This instance has as many change-feed clients as LIVE_MAX_CONNECTIONS allows. */
export class LiveFeedFull extends Error implements WithResponseHeaders {
  readonly responseHeaders: Readonly<Record<string, string>>;

  constructor(max: number, retryAfterSeconds: number) {
    super(
      `This instance serves its most change-feed clients (${max}); try again in ` +
        `${retryAfterSeconds} s, or another instance.`,
    );
    this.name = 'LiveFeedFull';
    this.responseHeaders = { 'Retry-After': String(retryAfterSeconds) };
  }
}
