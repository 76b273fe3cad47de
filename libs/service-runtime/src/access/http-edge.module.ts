import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { accessOptionsFrom } from './access-options';
import { AccessGuard } from './access.guard';
import { ACCESS_OPTIONS, BearerTokenStrategy } from './bearer-token.strategy';
import { CommandRateLimitGuard, commandRateLimits } from './command-rate-limits';
import type { HttpEdgeEnvironment } from './http-edge.environment';

/** The edge's settings out of the app's validated configuration (which extends them). */
function edgeEnvironment(config: ConfigService<HttpEdgeEnvironment, true>): HttpEdgeEnvironment {
  const get = <K extends keyof HttpEdgeEnvironment>(name: K): HttpEdgeEnvironment[K] =>
    config.get(name, { infer: true });
  return {
    HOST: get('HOST'),
    PORT: get('PORT'),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: get('HTTP_KEEP_ALIVE_TIMEOUT_MS'),
    AUTH_JWT_SECRET: get('AUTH_JWT_SECRET'),
    AUTH_JWT_SECRET_FILE: get('AUTH_JWT_SECRET_FILE'),
    AUTH_JWKS_URL: get('AUTH_JWKS_URL'),
    AUTH_ISSUER: get('AUTH_ISSUER'),
    AUTH_AUDIENCE: get('AUTH_AUDIENCE'),
    AUTH_CLOCK_SKEW_SECONDS: get('AUTH_CLOCK_SKEW_SECONDS'),
    AUTH_USERNAME_CLAIM: get('AUTH_USERNAME_CLAIM'),
    AUTH_ROLES_CLAIM: get('AUTH_ROLES_CLAIM'),
    AUTH_ADMIN_ROLE: get('AUTH_ADMIN_ROLE'),
    CORS_ORIGINS: get('CORS_ORIGINS'),
    RATE_LIMITS: get('RATE_LIMITS'),
    RATE_LIMIT_WINDOW_SECONDS: get('RATE_LIMIT_WINDOW_SECONDS'),
    RATE_LIMIT_PER_USER: get('RATE_LIMIT_PER_USER'),
    RATE_LIMIT_PER_ADDRESS: get('RATE_LIMIT_PER_ADDRESS'),
    SHUTDOWN_DRAIN_MS: get('SHUTDOWN_DRAIN_MS'),
    SHUTDOWN_TIMEOUT_MS: get('SHUTDOWN_TIMEOUT_MS'),
  };
}

/**
 * Who may do what at both services' HTTP edge: bearer tokens verified on every route that needs
 * them (AccessGuard), then rate limits on commands (CommandRateLimitGuard), in that order.
 * Import it in an app's root module, next to a ConfigModule whose schema extends
 * HttpEdgeEnvironment.
 */
@Global()
@Module({
  imports: [
    PassportModule,
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<HttpEdgeEnvironment, true>) =>
        commandRateLimits(edgeEnvironment(config)),
    }),
  ],
  providers: [
    {
      provide: ACCESS_OPTIONS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<HttpEdgeEnvironment, true>) =>
        accessOptionsFrom(edgeEnvironment(config)),
    },
    BearerTokenStrategy,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: CommandRateLimitGuard },
  ],
  // Global: a service calling the other one signs its own token with these (service-tokens.ts).
  exports: [ACCESS_OPTIONS],
})
export class HttpEdgeModule {}
