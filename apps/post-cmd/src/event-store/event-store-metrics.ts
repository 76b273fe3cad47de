import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@social-posts/service-runtime';
import { Histogram, type Registry } from 'prom-client';
import { MongoConnection } from './mongo-connection';

/**
 * The latency of every call to the event store, by MongoDB command (`find`, `insert`,
 * `update`, ...) and outcome, from the driver's command monitoring: no call site is wrapped.
 */
@Injectable()
export class EventStoreMetrics {
  constructor(@Inject(METRICS_REGISTRY) registry: Registry, connection: MongoConnection) {
    const duration = new Histogram({
      name: 'event_store_call_duration_seconds',
      help: 'Time the event store took to answer a command, by MongoDB command and outcome.',
      labelNames: ['command', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    connection.onCommandAnswered(({ command, seconds, ok }) =>
      duration.observe({ command, outcome: ok ? 'ok' : 'failed' }, seconds),
    );
  }
}
