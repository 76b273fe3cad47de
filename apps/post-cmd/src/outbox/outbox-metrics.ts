import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY, scrapeRead } from '@social-posts/service-runtime';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { PublishOutcome } from './event-sink.port';
import { OUTBOX, type Outbox } from './outbox.port';

/**
 * What the outbox relay does, for Prometheus: its sends (time and size), the events it could
 * not publish, and, read from the store at each scrape, the backlog it has yet to publish (and
 * how old it is).
 */
@Injectable()
export class OutboxMetrics {
  private readonly publishDuration: Histogram;
  private readonly publishedEvents: Histogram;
  private readonly refusedEvents: Counter;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry, @Inject(OUTBOX) outbox: Outbox) {
    const registers = [registry];
    this.publishDuration = new Histogram({
      name: 'outbox_publish_duration_seconds',
      help: 'Time to publish a chunk of the outbox or of a republish, until Kafka acknowledged it.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.publishedEvents = new Histogram({
      name: 'outbox_publish_batch_events',
      help: 'Events Kafka acknowledged per chunk published.',
      buckets: [1, 5, 10, 50, 100, 250, 500, 1000],
      registers,
    });
    this.refusedEvents = new Counter({
      name: 'outbox_refused_events_total',
      help: 'Events Kafka refused (larger than the topic takes), or held back behind one.',
      registers,
    });
    const backlog = scrapeRead(() => outbox.backlog());
    new Gauge({
      name: 'outbox_backlog_events',
      help: 'Stored events not yet published (counted at each scrape, slot by slot).',
      registers,
      async collect() {
        this.set((await backlog())?.events ?? NaN);
      },
    });
    new Gauge({
      name: 'outbox_oldest_unpublished_age_seconds',
      help: 'How long the oldest event not yet published has been stored; 0 when none waits.',
      registers,
      async collect() {
        const oldest = (await backlog())?.oldestRecordedAt;
        this.set(
          oldest === undefined ? NaN : oldest === null ? 0 : (Date.now() - oldest.getTime()) / 1000,
        );
      },
    });
  }

  /** Publishes one chunk (of the outbox, or of a republish), timed and counted. */
  async timePublish(publish: () => Promise<PublishOutcome>): Promise<PublishOutcome> {
    const end = this.publishDuration.startTimer();
    const outcome = await publish();
    end();
    this.publishedEvents.observe(outcome.published.length);
    this.refusedEvents.inc(outcome.refused.length);
    return outcome;
  }
}
