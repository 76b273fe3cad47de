import { DEFAULT_POST_EVENTS_TOPIC } from '@social-posts/post-events';
import { HttpEdgeEnvironment, Secret } from '@social-posts/service-runtime';
import { IsIP, IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';

/** post-cmd's configuration: environment variables, with defaults that match scripts/stack.sh. */
export class PostCmdEnvironment extends HttpEdgeEnvironment {
  @IsIP()
  readonly HOST: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  readonly PORT: number = 3001;

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

  @Matches(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, { message: 'must be host:port[,host:port...]' })
  readonly KAFKA_BROKERS: string = '127.0.0.1:59092';

  @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: 'must be a Kafka topic name' })
  readonly KAFKA_TOPIC: string = DEFAULT_POST_EVENTS_TOPIC;

  @IsInt()
  @Min(1)
  @Max(1000)
  readonly KAFKA_TOPIC_PARTITIONS: number = 6;

  @IsString()
  @IsNotEmpty()
  readonly KAFKA_CLIENT_ID: string = 'post-cmd';

  /**
   * A post's state is snapshotted every this many events, so a command replays at most about
   * this many. Best a multiple or divisor of the store's page size (STREAM_PAGE_SIZE, 50).
   */
  @IsInt()
  @Min(1)
  @Max(100_000)
  readonly SNAPSHOT_EVERY: number = 50;
}
