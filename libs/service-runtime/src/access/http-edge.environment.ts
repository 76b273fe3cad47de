import {
  IsIP,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { Secret } from '../environment';

/**
 * What both services' HTTP edge reads from the environment: where it listens, how bearer
 * tokens are verified, who is an admin, which browser origins may call, how many commands a
 * user or an address may send, and how it shuts down. A service's own environment class extends this one.
 */
export class HttpEdgeEnvironment {
  @IsIP()
  readonly HOST: string = '127.0.0.1';

  /** Each service gives it its own default (post-cmd 3001, post-query 3002). */
  @IsInt()
  @Min(0)
  @Max(65535)
  readonly PORT: number = 3000;

  /**
   * How long an idle keep-alive connection stays open. Longer than the idle timeout of any load
   * balancer in front (60 s is common), so that the balancer closes idle connections, never the
   * service: otherwise the balancer may reuse one the service has just closed, and its client
   * gets a 502. Node's default is 5 s. Headers are waited for one second longer.
   */
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  readonly HTTP_KEEP_ALIVE_TIMEOUT_MS: number = 65_000;

  /** HS256 shared secret (at least 32 characters); the local stack generates one. */
  @Secret()
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  readonly AUTH_JWT_SECRET?: string;

  /** A file holding the HS256 secret (a Docker or Kubernetes secret), instead of the value. */
  @IsOptional()
  @IsString()
  readonly AUTH_JWT_SECRET_FILE?: string;

  /** An identity provider's JWKS URL: tokens signed with its keys (RS256, ES256 ...). */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be a URL' })
  readonly AUTH_JWKS_URL?: string;

  /** The `iss` every token must carry; required with AUTH_JWKS_URL. */
  @IsOptional()
  @IsString()
  readonly AUTH_ISSUER?: string;

  /** An `aud` every token must carry; required with AUTH_JWKS_URL. */
  @IsOptional()
  @IsString()
  readonly AUTH_AUDIENCE?: string;

  /** How far `exp` and `nbf` may be off between the issuer's clock and ours. */
  @IsInt()
  @Min(0)
  @Max(300)
  readonly AUTH_CLOCK_SKEW_SECONDS: number = 30;

  /** The claim that names the acting user (Keycloak: `preferred_username`). */
  @Matches(/^[A-Za-z0-9_:/.-]{1,100}$/, { message: 'must be a claim name' })
  readonly AUTH_USERNAME_CLAIM: string = 'sub';

  /** Where the roles are: a claim, or a dotted path (Keycloak: `realm_access.roles`, Auth0: `scope`). */
  @Matches(/^[A-Za-z0-9_:/.-]{1,100}$/, { message: 'must be a claim name or dotted path' })
  readonly AUTH_ROLES_CLAIM: string = 'roles';

  /** The role (or scope) that admin routes require. */
  @Matches(/^\S{1,100}$/, { message: 'must be a role name without spaces' })
  readonly AUTH_ADMIN_ROLE: string = 'admin';

  /** Comma-separated origins allowed to call from a browser; none by default (CORS off). */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*$/, {
    message: 'must be origins (http[s]://host[:port]) separated by commas',
  })
  readonly CORS_ORIGINS?: string;

  /** `off` only where load is generated on purpose (the benchmarks). */
  @IsIn(['on', 'off'])
  readonly RATE_LIMITS: 'on' | 'off' = 'on';

  @IsInt()
  @Min(1)
  @Max(86_400)
  readonly RATE_LIMIT_WINDOW_SECONDS: number = 60;

  /** Commands one user may send per window, on one instance. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  readonly RATE_LIMIT_PER_USER: number = 600;

  /** Commands one client address may send per window, on one instance, whoever the users. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  readonly RATE_LIMIT_PER_ADDRESS: number = 6_000;

  /**
   * On SIGTERM, how long the service stays up answering `/health/ready` with 503 before it
   * stops accepting requests: time for load balancers to stop sending it any.
   */
  @IsInt()
  @Min(0)
  @Max(600_000)
  readonly SHUTDOWN_DRAIN_MS: number = 5_000;

  /** The bound on a whole shutdown (drain, requests in flight, last batches): then it exits. */
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  readonly SHUTDOWN_TIMEOUT_MS: number = 30_000;
}
