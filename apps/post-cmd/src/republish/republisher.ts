import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { WorkLoop } from '@social-posts/service-runtime';
import { EVENT_HISTORY, type EventHistory } from '../event-store/event-history.port';
import { EVENT_SINK, type EventSink } from '../outbox/event-sink.port';
import { CHUNK } from '../outbox/outbox-relay';
import { OutboxMetrics } from '../outbox/outbox-metrics';
import { PublishingTurns } from '../outbox/publishing-turns';
import { RefusedEventsLog } from '../outbox/refused-events';
import { MongoRepublishJobs } from './mongo-republish-jobs';
import type { RepublishJob, RepublishProgress, RepublishState } from './republish-job';

/**
 * A job no instance has saved progress for in this long is taken over by another: its runner
 * died. Much longer than a chunk takes (a second or two), so a live runner keeps it.
 */
export const REPUBLISH_LEASE_MS = 15_000;
/** How often an instance looks for a job to take over (or left unfinished by a restart). */
const CHECK_EVERY_MS = 5_000;

/**
 * Runs republishes (rebuilding a read side): the stored events read in order (bucket by bucket,
 * each post's in version order), published chunk by chunk, each chunk's progress saved as the
 * job's next step. It runs the newest job only: the instance that took the request at once,
 * any other once the job's progress is older than the lease. A run stops when a newer job has
 * been requested or another runner saved a step first; either way the job's progress is its
 * own (MongoRepublishJobs). It takes the publishing turn for each chunk, the relay's passes
 * between them, so that new events keep reaching the bus while it runs: the read side applies
 * each post's events in version order whichever way they interleave (a build being filled holds
 * a post's new events until its republished ones arrive; docs/06-read-side.md).
 */
@Injectable()
export class Republisher
  implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown
{
  private readonly logger = new Logger(Republisher.name);
  private readonly refusals = new RefusedEventsLog(this.logger);
  /** This instance took a request, or its run failed: it runs the newest job without waiting. */
  private runHere = false;
  /** Passes until stopped, every CHECK_EVERY_MS or when a request comes. */
  private readonly loop = new WorkLoop(
    { activity: 'republishing', logger: this.logger, idleMs: CHECK_EVERY_MS },
    () => this.runDueJob(),
  );

  constructor(
    private readonly jobs: MongoRepublishJobs,
    @Inject(EVENT_HISTORY) private readonly history: EventHistory,
    @Inject(EVENT_SINK) private readonly sink: EventSink,
    private readonly metrics: OutboxMetrics,
    private readonly turns: PublishingTurns,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  /**
   * Stops after the chunk in flight, its progress saved: another instance, or a restart,
   * resumes. Told first (Nest destroys modules before any shutdown hook), so that it gives the
   * publishing turn back before the relay, which may be waiting for it, is told to stop.
   */
  onModuleDestroy(): void {
    // Not awaited: beforeApplicationShutdown waits for the chunk under way.
    void this.loop.stop();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** Requests a republish of every stored event, or of one post's, replacing any under way. */
  async request(aggregateId: string | null): Promise<RepublishState> {
    const state = await this.jobs.request(aggregateId);
    this.runHere = true;
    this.loop.wake();
    return state;
  }

  /** Runs the newest job if it is due here; true when it should be looked at again at once. */
  private async runDueJob(): Promise<boolean> {
    try {
      const state = await this.jobs.newest();
      if (state !== null && this.isDue(state)) {
        this.runHere = false;
        await this.runJob(state);
      }
      return this.runHere;
    } catch (error) {
      // The job is left where its progress was saved: this instance resumes it after a back-off.
      this.runHere = true;
      throw error;
    }
  }

  private isDue({ progress }: RepublishState): boolean {
    if (progress.done) return false;
    return this.runHere || Date.now() - progress.savedAt.getTime() > REPUBLISH_LEASE_MS;
  }

  private async runJob({ job, progress: from }: RepublishState): Promise<void> {
    let progress = from;
    const chunks = this.history.readInOrder(
      { aggregateId: job.aggregateId, after: progress.after },
      CHUNK,
    );
    // The next chunk is read while this one is published: reading and producing overlap.
    let next = chunks.next();
    // Posts with an event the bus refused: their later events, in later chunks, are held back too.
    const stopped = new Set<string>();
    try {
      for (let read = await next; !read.done; read = await next) {
        const chunk = read.value;
        next = chunks.next();
        const heldBack = chunk.filter((event) => stopped.has(event.aggregateId));
        const outcome = await this.turns.take(() =>
          this.metrics.timePublish(() =>
            this.sink.publish(chunk.filter((event) => !stopped.has(event.aggregateId))),
          ),
        );
        const refused = [
          ...outcome.refused,
          ...heldBack.map((event) => ({ event, reason: 'held back behind a refused event' })),
        ];
        for (const { event } of refused) stopped.add(event.aggregateId);
        this.refusals.report(refused, 'skipped by the republish');
        const last = chunk[chunk.length - 1]!;
        const saved = await this.advance(job, progress, {
          published: progress.published + outcome.published.length,
          after: { aggregateId: last.aggregateId, version: last.version },
          done: false,
        });
        if (saved === null || this.loop.stopping) return;
        progress = saved;
      }
    } finally {
      // Settles the read in flight (its failure no longer matters) before the reader stops.
      await next.catch(() => undefined);
      await chunks.return(undefined);
    }
    if ((await this.advance(job, progress, { ...progress, done: true })) !== null) {
      this.logger.log(`republish ${job.number}: ${progress.published} event(s) published`);
    }
  }

  /** Saves the next step of `job`; null if this run must stop (see MongoRepublishJobs.advance). */
  private async advance(
    job: RepublishJob,
    from: RepublishProgress,
    to: Pick<RepublishProgress, 'published' | 'after' | 'done'>,
  ): Promise<RepublishProgress | null> {
    const next = { ...to, step: from.step + 1, savedAt: new Date() };
    if (await this.jobs.advance(job, next)) return next;
    this.logger.log(
      `republish ${job.number} stops here: a newer one was requested, or another instance runs it`,
    );
    return null;
  }
}
