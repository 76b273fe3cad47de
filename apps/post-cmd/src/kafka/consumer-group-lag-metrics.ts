import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { KafkaClients, METRICS_REGISTRY } from '@social-posts/service-runtime';
import { Gauge, type Registry } from 'prom-client';
import type { PostCmdEnvironment } from '../config/post-cmd.environment';

/**
 * How far the consumer groups reading the events topic (post-query's, by default) are behind,
 * asked of Kafka at each scrape. post-cmd reports it because a consumer reports only while it
 * runs: with every post-query instance down, this is the lag that keeps growing.
 */
@Injectable()
export class ConsumerGroupLagMetrics {
  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    kafka: KafkaClients,
    config: ConfigService<PostCmdEnvironment, true>,
  ) {
    const groups = config.get('KAFKA_WATCHED_GROUPS', { infer: true }).split(',');
    new Gauge({
      name: 'kafka_consumer_group_lag_messages',
      help: 'Messages of a partition of the events topic after the group’s committed offset (no sample while Kafka does not answer).',
      labelNames: ['group', 'partition'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const group of groups) {
          const lags = await kafka.watch.groupLag(group, kafka.topic).catch(() => []);
          for (const { partition, lag } of lags) {
            this.set({ group, partition: String(partition) }, lag);
          }
        }
      },
    });
  }
}
