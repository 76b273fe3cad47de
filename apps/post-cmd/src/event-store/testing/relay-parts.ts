import { ConfigService } from '@nestjs/config';
import { Registry } from 'prom-client';
import { KafkaClients, validateEnvironment } from '@social-posts/service-runtime';
import type { IsolatedEnvironment } from '../../../../../test/support/isolated-environment';
import { PostCmdEnvironment } from '../../config/post-cmd.environment';
import { KafkaEventPublisher } from '../../kafka/kafka-event-publisher';
import { MongoConnection } from '../mongo-connection';
import { MongoEventStore } from '../mongo-event-store';
import { OutboxMetrics } from '../outbox-metrics';
import { OutboxRelay } from '../outbox-relay';

export interface RelayParts {
  readonly connection: MongoConnection;
  readonly store: MongoEventStore;
  readonly publisher: KafkaEventPublisher;
  readonly relay: OutboxRelay;
  /** Another relay over the same store and publisher (a second instance, or a restart). */
  readonly anotherRelay: () => OutboxRelay;
}

/** The relay over the real store and Kafka publisher, wired as post-cmd wires them. */
export async function relayParts(environment: IsolatedEnvironment): Promise<RelayParts> {
  const config = new ConfigService<PostCmdEnvironment, true>(
    validateEnvironment(PostCmdEnvironment)({ ...process.env, ...environment.variables }),
  );
  const connection = new MongoConnection(config);
  const store = new MongoEventStore(connection);
  await store.onModuleInit();
  const publisher = new KafkaEventPublisher(new KafkaClients(config));
  const anotherRelay = () =>
    new OutboxRelay(store, publisher, new OutboxMetrics(new Registry(), store));
  return { connection, store, publisher, relay: anotherRelay(), anotherRelay };
}
