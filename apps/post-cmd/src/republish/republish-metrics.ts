import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY, scrapeRead } from '@social-posts/service-runtime';
import { Gauge, type Registry } from 'prom-client';
import { MongoRepublishJobs } from './mongo-republish-jobs';

/** How far the newest republish has got, read at each scrape (one read for both gauges). */
@Injectable()
export class RepublishMetrics {
  constructor(@Inject(METRICS_REGISTRY) registry: Registry, jobs: MongoRepublishJobs) {
    const newest = scrapeRead(() => jobs.newest());
    new Gauge({
      name: 'outbox_republish_published_events',
      help: 'Events the newest republish has published; see outbox_republish_done.',
      registers: [registry],
      async collect() {
        const state = await newest();
        this.set(state === undefined ? NaN : (state?.progress.published ?? 0));
      },
    });
    new Gauge({
      name: 'outbox_republish_done',
      help: '1 once the newest republish has run to its end (or none was requested), else 0.',
      registers: [registry],
      async collect() {
        const state = await newest();
        this.set(state === undefined ? NaN : state?.progress.done === false ? 0 : 1);
      },
    });
  }
}
