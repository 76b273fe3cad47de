import { Injectable, type ExecutionContext } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerOptions,
} from '@nestjs/throttler';
import type { Request } from 'express';
import type { RequestWithActor } from './access.decorators';
import { TooManyRequests } from './access.exceptions';
import type { HttpEdgeEnvironment } from './http-edge.environment';

/** Reads are cheap and public; what is limited is what writes. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isRateLimited = (method: string): boolean => !READS.has(method.toUpperCase());
const isRead = (context: ExecutionContext): boolean =>
  !isRateLimited(context.switchToHttp().getRequest<Request>().method);

/**
 * Two limits on commands, each over a sliding window: per user (the token's subject), so one
 * account cannot flood, and per client address, so many accounts from one place cannot either.
 * Counts are kept per instance, in memory.
 */
export function commandRateLimits(environment: HttpEdgeEnvironment): ThrottlerOptions[] {
  if (environment.RATE_LIMITS === 'off') return [];
  const ttl = environment.RATE_LIMIT_WINDOW_SECONDS * 1000;
  return [
    {
      name: 'user',
      ttl,
      limit: environment.RATE_LIMIT_PER_USER,
      skipIf: (context) =>
        isRead(context) ||
        context.switchToHttp().getRequest<RequestWithActor>().actor === undefined,
      getTracker: (request) => (request as RequestWithActor).actor?.username ?? '',
      setHeaders: false,
    },
    {
      name: 'address',
      ttl,
      limit: environment.RATE_LIMIT_PER_ADDRESS,
      skipIf: isRead,
      setHeaders: false,
    },
  ];
}

/**
 * @nestjs/throttler's guard, counting each user and address across all commands (not per
 * route), answering with a 429 problem that carries `Retry-After`. It runs after the access
 * guard, so the user is known.
 */
@Injectable()
export class CommandRateLimitGuard extends ThrottlerGuard {
  protected override generateKey(_: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  protected override throwThrottlingException(
    _: ExecutionContext,
    limit: ThrottlerLimitDetail,
  ): Promise<void> {
    const who = limit.key.startsWith('user:') ? 'this user' : 'this address';
    throw new TooManyRequests(
      `Too many commands from ${who}: at most ${limit.limit} per ${limit.ttl / 1000} s.`,
      limit.timeToBlockExpire,
    );
  }
}
