import { DEFAULT_POST_EVENTS_TOPIC } from '@social-posts/post-events';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { HttpEdgeEnvironment } from '../access/http-edge.environment';
import { Secret } from '../environment';

/**
 * How both services reach Kafka and the events topic: brokers, TLS and SASL for a managed or
 * secured cluster, and the topic's settings when a service creates it. A service's own
 * environment class extends this one (and gives KAFKA_CLIENT_ID its own default).
 */
export class KafkaEnvironment extends HttpEdgeEnvironment {
  @Matches(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, { message: 'must be host:port[,host:port...]' })
  readonly KAFKA_BROKERS: string = '127.0.0.1:59092';

  @IsString()
  @IsNotEmpty()
  readonly KAFKA_CLIENT_ID: string = 'social-posts';

  @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: 'must be a Kafka topic name' })
  readonly KAFKA_TOPIC: string = DEFAULT_POST_EVENTS_TOPIC;

  /** Fixed once the topic exists: a post's key maps to a partition. */
  @IsInt()
  @Min(1)
  @Max(1000)
  readonly KAFKA_TOPIC_PARTITIONS: number = 6;

  /** Copies of each partition, when a service creates the topic: 3 on a cluster of 3 or more. */
  @IsInt()
  @Min(1)
  @Max(32)
  readonly KAFKA_TOPIC_REPLICATION_FACTOR: number = 1;

  /**
   * Copies that must have a message before it is acknowledged (the producer asks all in-sync
   * replicas): 2 with a replication factor of 3. Unset: the broker's default.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(32)
  readonly KAFKA_TOPIC_MIN_INSYNC_REPLICAS?: number;

  /** TLS to the brokers: `on` for a managed Kafka; the system's CAs unless a CA file is given. */
  @IsIn(['on', 'off'])
  readonly KAFKA_TLS: 'on' | 'off' = 'off';

  /** A PEM file of the CA that signed the brokers' certificates (a private CA). */
  @IsOptional()
  @IsString()
  readonly KAFKA_TLS_CA_FILE?: string;

  /** SASL authentication, with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD(_FILE); unset: none. */
  @IsOptional()
  @IsIn(['plain', 'scram-sha-256', 'scram-sha-512'])
  readonly KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512';

  @IsOptional()
  @IsString()
  readonly KAFKA_SASL_USERNAME?: string;

  @Secret()
  @IsOptional()
  @IsString()
  readonly KAFKA_SASL_PASSWORD?: string;

  /** A file holding the SASL password (a Docker or Kubernetes secret), instead of the value. */
  @IsOptional()
  @IsString()
  readonly KAFKA_SASL_PASSWORD_FILE?: string;
}
