import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY, scrapeRead } from '@social-posts/service-runtime';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { MongoEventStore } from './mongo-event-store';

/**
 * What the outbox relay does, for Prometheus: its sends (time and size), the events it could
 * not publish, and, read from the store at each scrape, the backlog it has yet to publish (and
 * how old it is) and how far a republish has got.
 */
@Injectable()
export class OutboxMetrics {
  private readonly publishDuration: Histogram;
  private readonly publishedEvents: Histogram;
  private readonly refusedEvents: Counter;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry, store: MongoEventStore) {
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
    const backlog = scrapeRead(() => store.outboxBacklog());
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
    const republishJob = scrapeRead(() => store.loadRepublishJob());
    new Gauge({
      name: 'outbox_republish_published_events',
      help: 'Events the current or last republish has published; see outbox_republish_done.',
      registers,
      async collect() {
        const job = await republishJob();
        this.set(job === undefined ? NaN : (job?.published ?? 0));
      },
    });
    new Gauge({
      name: 'outbox_republish_done',
      help: '1 once the last republish requested has run to its end (or none was), else 0.',
      registers,
      async collect() {
        const job = await republishJob();
        this.set(job === undefined ? NaN : job?.done === false ? 0 : 1);
      },
    });
  }

  /** Starts timing a chunk; the returned function records what was published and refused. */
  startPublish(): (published: number, refused: number) => void {
    const end = this.publishDuration.startTimer();
    return (published, refused) => {
      end();
      this.publishedEvents.observe(published);
      this.refusedEvents.inc(refused);
    };
  }
}
