import { DEFAULT_PROJECTION_GROUP_ID } from '@social-posts/post-events';
import { KafkaEnvironment, Secret } from '@social-posts/service-runtime';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

/** post-query's configuration: environment variables, with defaults that match scripts/stack.sh. */
export class PostQueryEnvironment extends KafkaEnvironment {
  override readonly PORT: number = 3002;

  @Secret()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  readonly DATABASE_URL: string = 'postgres://postgres:postgres@127.0.0.1:54329/social_posts';

  /** How long a query may go unanswered, or wait for a connection, before it fails (a 503). */
  @IsInt()
  @Min(100)
  @Max(600_000)
  readonly DATABASE_TIMEOUT_MS: number = 5_000;

  @IsString()
  @IsNotEmpty()
  readonly KAFKA_GROUP_ID: string = DEFAULT_PROJECTION_GROUP_ID;

  override readonly KAFKA_CLIENT_ID: string = 'post-query';

  /**
   * How long an event may wait for a missing earlier version of its post before the post is
   * parked and its held events dead-lettered. Long enough for a rebuild to close such gaps.
   */
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  readonly GAP_TIMEOUT_MS: number = 60_000;

  /** How long a query with `minVersion` waits for the projection to reach that version. */
  @IsInt()
  @Min(0)
  @Max(60_000)
  readonly READ_YOUR_WRITES_TIMEOUT_MS: number = 5_000;

  /**
   * post-cmd's address, for the keys that open the stream's sealed events and the republish that
   * fills a projection's new build (the only calls between the services; docs/design.md). Its
   * admin routes take a token post-query signs with the shared secret, or the one in
   * POST_CMD_TOKEN_FILE with an identity provider.
   */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be a URL' })
  readonly POST_CMD_URL: string = 'http://127.0.0.1:3001';

  /** A file holding a bearer token for post-cmd's admin routes, read at every call. */
  @IsOptional()
  @IsString()
  readonly POST_CMD_TOKEN_FILE?: string;

  /**
   * How long a person's key asked of post-cmd is kept: how long an erasure may take to reach this
   * instance, past its consumer lag (docs/12-privacy.md).
   */
  @IsInt()
  @Min(0)
  @Max(300_000)
  readonly PERSON_KEY_CACHE_MS: number = 10_000;

  /** How often the instance supervising rebuilds looks at the builds under way. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  readonly PROJECTION_REBUILD_CHECK_MS: number = 1_000;

  /** Change-feed clients one instance serves at most; the next get a 503 with Retry-After. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  readonly LIVE_MAX_CONNECTIONS: number = 2_000;

  /** How often an idle change-feed stream gets a heartbeat (a comment line). */
  @IsInt()
  @Min(1_000)
  @Max(300_000)
  readonly LIVE_HEARTBEAT_MS: number = 15_000;

  /** The reconnection delay a change-feed client is told (`retry:`). */
  @IsInt()
  @Min(100)
  @Max(600_000)
  readonly LIVE_RETRY_MS: number = 3_000;

  /**
   * How long a change-feed client's buffer may stay full (it takes nothing) before it is
   * disconnected; it resumes from its last id when it reconnects.
   */
  @IsInt()
  @Min(100)
  @Max(600_000)
  readonly LIVE_CLIENT_STALL_MS: number = 30_000;

  /** How long changes are kept for clients to resume from; older positions get `reset`. */
  @IsInt()
  @Min(1)
  @Max(8_760)
  readonly LIVE_RETENTION_HOURS: number = 24;
}
