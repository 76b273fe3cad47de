import {
  DEFAULT_PROJECTION_GROUP_ID,
  MODERATION_DECISIONS,
  type ModerationDecision,
} from '@social-posts/post-events';
import { KafkaEnvironment, Secret } from '@social-posts/service-runtime';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** post-cmd's configuration: environment variables, with defaults that match scripts/stack.sh. */
export class PostCmdEnvironment extends KafkaEnvironment {
  override readonly PORT: number = 3001;

  @Secret()
  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'must be a mongodb:// URL' })
  readonly MONGO_URL: string = 'mongodb://127.0.0.1:57017';

  @Matches(/^[A-Za-z0-9_-]{1,63}$/, { message: 'must be a MongoDB database name' })
  readonly MONGO_DATABASE: string = 'social_posts';

  /** How long a call to the event store may go unanswered before it fails (a 503 on a request). */
  @IsInt()
  @Min(100)
  @Max(600_000)
  readonly MONGO_TIMEOUT_MS: number = 5_000;

  override readonly KAFKA_CLIENT_ID: string = 'post-cmd';

  /**
   * Consumer groups of the events topic whose lag post-cmd reports on /metrics, so that the
   * lag stays visible while every instance of post-query is down.
   */
  @Matches(/^[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*$/, { message: 'must be group[,group...]' })
  readonly KAFKA_WATCHED_GROUPS: string = DEFAULT_PROJECTION_GROUP_ID;

  /**
   * A post's state is snapshotted every this many events, so a command replays at most about
   * this many. Best a multiple or divisor of the store's page size (STREAM_PAGE_SIZE, 50).
   */
  @IsInt()
  @Min(1)
  @Max(100_000)
  readonly SNAPSHOT_EVERY: number = 50;

  /**
   * Post states kept in memory after a command (posts/post-state-cache.ts), so that the next
   * command on a post this instance wrote reads nothing; 0 turns the cache off.
   */
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  readonly POST_STATE_CACHE_ENTRIES: number = 10_000;

  /** The cache's memory bound, in MiB (an estimate of what its states hold). */
  @IsInt()
  @Min(1)
  @Max(65_536)
  readonly POST_STATE_CACHE_MB: number = 64;

  /**
   * Commands carried out at once by this instance; more wait, for COMMAND_QUEUE_WAIT_MS at most,
   * then get a 503 with Retry-After: past saturation, a quick refusal rather than a queue.
   */
  @IsInt()
  @Min(1)
  @Max(100_000)
  readonly COMMANDS_IN_FLIGHT: number = 32;

  @IsInt()
  @Min(0)
  @Max(60_000)
  readonly COMMAND_QUEUE_WAIT_MS: number = 100;

  /**
   * The key that wraps every person's data key (32 bytes, base64): personal data in events is
   * sealed with those keys (docs/12-privacy.md). The local stack generates one.
   */
  @Secret()
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes, base64-encoded' })
  readonly PERSONAL_DATA_MASTER_KEY?: string;

  /**
   * How long an instance keeps a person's key after reading it. An erasure on another instance
   * takes this long at most to reach this one (docs/12-privacy.md).
   */
  @IsInt()
  @Min(0)
  @Max(300_000)
  readonly PERSON_KEY_CACHE_MS: number = 10_000;

  /** A file holding the master key (a Docker or Kubernetes secret), instead of the value. */
  @IsOptional()
  @IsString()
  readonly PERSONAL_DATA_MASTER_KEY_FILE?: string;

  /** Distinct users' reports that hide a post and open a review case (docs/13-moderation.md). */
  @IsInt()
  @Min(1)
  @Max(1_000)
  readonly MODERATION_REPORTS_TO_HIDE: number = 3;

  /** How long a review may take, from the report that hid the post; fractions are fine. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.0001)
  @Max(8_760)
  readonly MODERATION_REVIEW_HOURS: number = 24;

  /** What a review's deadline decides when no admin did. */
  @IsIn(MODERATION_DECISIONS, { message: `must be one of: ${MODERATION_DECISIONS.join(', ')}` })
  readonly MODERATION_DEFAULT: ModerationDecision = 'keep';

  /** The moderation process's consumer group: one for every instance of post-cmd. */
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'must be a Kafka group id' })
  readonly MODERATION_GROUP_ID: string = 'post-cmd-moderation';

  /** How often each instance looks for review deadlines that have passed. */
  @IsInt()
  @Min(100)
  @Max(600_000)
  readonly MODERATION_TIMER_CHECK_MS: number = 1_000;

  /**
   * How long an instance holds a due timer it claimed: if it dies with it, another fires the
   * timer after this long (the same command, with the same idempotency key).
   */
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  readonly MODERATION_TIMER_LEASE_MS: number = 30_000;
}
