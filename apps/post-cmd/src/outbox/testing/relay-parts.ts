import { ConfigService } from '@nestjs/config';
import { Registry } from 'prom-client';
import { KafkaClients, validateEnvironment } from '@social-posts/service-runtime';
import type { IsolatedEnvironment } from '@test/support/isolated-environment';
import { PostCmdEnvironment } from '../../config/post-cmd.environment';
import { MongoConnection } from '../../event-store/mongo-connection';
import { MongoEventStore } from '../../event-store/mongo-event-store';
import { KafkaEventSink } from '../../kafka/kafka-event-sink';
import { MongoOutbox } from '../mongo-outbox';
import { OutboxMetrics } from '../outbox-metrics';
import { OutboxRelay } from '../outbox-relay';
import { PublishingTurns } from '../publishing-turns';

export interface RelayParts {
  readonly connection: MongoConnection;
  readonly store: MongoEventStore;
  readonly outbox: MongoOutbox;
  readonly sink: KafkaEventSink;
  readonly metrics: OutboxMetrics;
  readonly turns: PublishingTurns;
  readonly relay: OutboxRelay;
  /** Another relay over the same store and sink (a second instance, or a restart). */
  readonly anotherRelay: () => OutboxRelay;
}

/** The relay over the real store and Kafka sink, wired as post-cmd wires them. */
export async function relayParts(environment: IsolatedEnvironment): Promise<RelayParts> {
  const config = new ConfigService<PostCmdEnvironment, true>(
    validateEnvironment(PostCmdEnvironment)({ ...process.env, ...environment.variables }),
  );
  const connection = new MongoConnection(config);
  const store = new MongoEventStore(connection);
  await store.onModuleInit();
  const outbox = new MongoOutbox(connection, store);
  const sink = new KafkaEventSink(new KafkaClients(config));
  const metrics = new OutboxMetrics(new Registry(), outbox);
  const turns = new PublishingTurns();
  const anotherRelay = () => new OutboxRelay(outbox, sink, metrics, new PublishingTurns());
  const relay = new OutboxRelay(outbox, sink, metrics, turns);
  return { connection, store, outbox, sink, metrics, turns, relay, anotherRelay };
}
