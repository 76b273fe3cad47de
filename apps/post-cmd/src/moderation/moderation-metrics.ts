import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY, scrapeRead } from '@social-posts/service-runtime';
import { Counter, Gauge, type Registry } from 'prom-client';
import { MODERATION_CASES, type ModerationCases } from './moderation-cases.port';
import type { CaseOutcome } from './process/moderation-process';

/**
 * Open cases and their timers, read from the store at each scrape (so every instance reports
 * the same, whichever holds a case), and the cases this instance closed.
 */
@Injectable()
export class ModerationMetrics {
  private readonly closedCases: Counter<'decision' | 'decided_by'>;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(MODERATION_CASES) cases: ModerationCases,
  ) {
    const open = scrapeRead(() => cases.open());
    const overdueMs = (deadline: string) => Date.now() - Date.parse(deadline);
    new Gauge({
      name: 'moderation_open_cases',
      help: 'Moderation cases open: posts hidden by reports, awaiting a decision.',
      registers: [registry],
      async collect() {
        this.set((await open())?.length ?? NaN);
      },
    });
    new Gauge({
      name: 'moderation_overdue_timers',
      help: 'Open cases whose review deadline has passed: their timer has yet to fire.',
      registers: [registry],
      async collect() {
        const read = await open();
        this.set(read?.filter((each) => overdueMs(each.deadline) >= 0).length ?? NaN);
      },
    });
    new Gauge({
      name: 'moderation_oldest_overdue_timer_seconds',
      help: 'How long past its deadline the most overdue open case is; 0 if none is.',
      registers: [registry],
      async collect() {
        const read = await open();
        const worst = Math.max(0, ...(read ?? []).map((each) => overdueMs(each.deadline)));
        this.set(read === undefined ? NaN : worst / 1_000);
      },
    });
    this.closedCases = new Counter({
      name: 'moderation_cases_closed_total',
      help: 'Cases this instance closed, by decision (keep, remove, withdrawn) and who decided.',
      labelNames: ['decision', 'decided_by'],
      registers: [registry],
    });
  }

  /** Counts the cases a `record` call closed (what it answers). */
  closed(outcomes: readonly CaseOutcome[]): void {
    for (const { decision, decidedBy } of outcomes) {
      this.closedCases.inc({ decision, decided_by: decidedBy });
    }
  }
}
