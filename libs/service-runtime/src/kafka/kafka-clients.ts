import { readFileSync } from 'node:fs';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { TopicSettings } from '@social-posts/post-events';
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import { KafkaAdminSession } from './kafka-admin-session';
import type { KafkaEnvironment } from './kafka.environment';
import { kafkaLogCreator } from './kafka-log';

/** Where the brokers are and how to reach them: the part of a client's set-up every client shares. */
export type KafkaConnection = Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl'>;

/** What one client tunes for its own job (timeouts, retries); the connection is shared. */
export type KafkaTuning = Omit<
  KafkaConfig,
  'brokers' | 'ssl' | 'sasl' | 'clientId' | 'logLevel' | 'logCreator'
> & {
  /** Appended to KAFKA_CLIENT_ID, so that the broker's logs tell a service's clients apart. */
  readonly part?: string;
};

type ConnectionVariables = Pick<
  KafkaEnvironment,
  | 'KAFKA_BROKERS'
  | 'KAFKA_TLS'
  | 'KAFKA_TLS_CA_FILE'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD'
  | 'KAFKA_SASL_PASSWORD_FILE'
>;

/** The brokers, TLS and SASL settings from the environment; a half-given SASL set-up is refused. */
export function kafkaConnection(variables: ConnectionVariables): KafkaConnection {
  const {
    KAFKA_TLS_CA_FILE: caFile,
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: username,
    KAFKA_SASL_PASSWORD_FILE: passwordFile,
  } = variables;
  if (variables.KAFKA_SASL_PASSWORD !== undefined && passwordFile !== undefined) {
    throw new Error('set KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both');
  }
  const password =
    passwordFile === undefined
      ? variables.KAFKA_SASL_PASSWORD
      : readFileSync(passwordFile, 'utf8').trim();
  if (caFile !== undefined && variables.KAFKA_TLS !== 'on') {
    throw new Error('KAFKA_TLS_CA_FILE is set but KAFKA_TLS is not on');
  }
  if (mechanism !== undefined && (username === undefined || password === undefined)) {
    throw new Error(
      'KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD(_FILE)',
    );
  }
  if (mechanism === undefined && (username !== undefined || password !== undefined)) {
    throw new Error('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD(_FILE) need KAFKA_SASL_MECHANISM');
  }
  return {
    brokers: variables.KAFKA_BROKERS.split(','),
    ...(variables.KAFKA_TLS === 'on'
      ? { ssl: caFile === undefined ? true : { ca: [readFileSync(caFile, 'utf8')] } }
      : {}),
    ...(mechanism === undefined
      ? {}
      : { sasl: { mechanism, username: username!, password: password! } as SASLOptions }),
  };
}

/**
 * The one place a service's Kafka clients are set up: every client gets the same brokers, TLS,
 * SASL and logging, and the events topic is created with the same settings by whichever service
 * starts first. It also holds the admin session readiness and metric scrapes ask.
 */
@Injectable()
export class KafkaClients implements OnApplicationShutdown {
  readonly topic: string;
  readonly topicSettings: TopicSettings;
  /** Fails fast (no retries, short timeouts): for readiness checks and metric scrapes. */
  readonly watch: KafkaAdminSession;
  private readonly connection: KafkaConnection;
  private readonly clientId: string;

  constructor(config: ConfigService<KafkaEnvironment, true>) {
    this.connection = kafkaConnection({
      KAFKA_BROKERS: config.get('KAFKA_BROKERS', { infer: true }),
      KAFKA_TLS: config.get('KAFKA_TLS', { infer: true }),
      KAFKA_TLS_CA_FILE: config.get('KAFKA_TLS_CA_FILE', { infer: true }),
      KAFKA_SASL_MECHANISM: config.get('KAFKA_SASL_MECHANISM', { infer: true }),
      KAFKA_SASL_USERNAME: config.get('KAFKA_SASL_USERNAME', { infer: true }),
      KAFKA_SASL_PASSWORD: config.get('KAFKA_SASL_PASSWORD', { infer: true }),
      KAFKA_SASL_PASSWORD_FILE: config.get('KAFKA_SASL_PASSWORD_FILE', { infer: true }),
    });
    this.clientId = config.get('KAFKA_CLIENT_ID', { infer: true });
    this.topic = config.get('KAFKA_TOPIC', { infer: true });
    this.topicSettings = {
      numPartitions: config.get('KAFKA_TOPIC_PARTITIONS', { infer: true }),
      replicationFactor: config.get('KAFKA_TOPIC_REPLICATION_FACTOR', { infer: true }),
      minInsyncReplicas: config.get('KAFKA_TOPIC_MIN_INSYNC_REPLICAS', { infer: true }),
    };
    this.watch = new KafkaAdminSession(
      this.client({
        part: 'watch',
        connectionTimeout: 1_000,
        requestTimeout: 2_000,
        retry: { retries: 0 },
      }),
    );
  }

  client({ part, ...tuning }: KafkaTuning = {}): Kafka {
    return new Kafka({
      connectionTimeout: 3_000,
      ...tuning,
      ...this.connection,
      clientId: part === undefined ? this.clientId : `${this.clientId}-${part}`,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.watch.close();
  }
}
