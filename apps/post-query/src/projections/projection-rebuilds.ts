import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { METRICS_REGISTRY, WorkLoop, scrapeRead } from '@social-posts/service-runtime';
import { Counter, Gauge, type Registry } from 'prom-client';
import { DataSource, type QueryRunner } from 'typeorm';
import { EVENT_REPLAY, type EventReplay, type ReplayState } from './event-replay.port';
import { ProjectionBuilds, positionKeyOf, type ProjectionBuild } from './projection-builds';
import type { Projection } from './projection';
import { RegisteredProjections } from './registered-projections';

/** Any fixed number shared by all instances; names the supervisor's lock in pg_locks. */
const SUPERVISOR_LOCK_KEY = 7_420_002;
/**
 * After the republish has ended, how long posts may stay behind before it is asked for again:
 * its last events may still be on their way through Kafka.
 */
const IN_FLIGHT_GRACE_MS = 10_000;

/** A build under way of this code's version, beside its projection's live build. */
interface UnderWay {
  readonly projection: Projection;
  readonly live: ProjectionBuild;
  readonly building: ProjectionBuild;
}

export interface RebuildRequest {
  readonly build: ProjectionBuild;
  readonly started: boolean;
}

/**
 * Rebuilds without downtime: a build of a projection fills beside the live one (the projector
 * writes both, batch by batch), fed by a republish of every stored event, and replaces the live
 * one in one transaction once no post is behind (ProjectionBuilds.switchTo). One instance at a
 * time supervises (a PostgreSQL advisory lock held by its connection: another takes over when
 * it dies), every PROJECTION_REBUILD_CHECK_MS: it starts the build a deploy of a new version
 * needs, asks for the republish (again, if another replaced it), switches, and drops the
 * tables of retired and abandoned builds.
 */
@Injectable()
export class ProjectionRebuilds implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionRebuilds.name);
  private readonly loop: WorkLoop;
  private lock: QueryRunner | undefined;
  /** Per build, when its republish was first seen ended with posts still behind. */
  private readonly behindSince = new Map<string, number>();
  private readonly postsBehind: Gauge<'projection'>;
  private readonly switches: Counter<'projection'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly builds: ProjectionBuilds,
    private readonly projections: RegisteredProjections,
    @Inject(EVENT_REPLAY) private readonly replay: EventReplay,
    @Inject(METRICS_REGISTRY) registry: Registry,
    config: ConfigService<{ PROJECTION_REBUILD_CHECK_MS: number }, true>,
  ) {
    this.loop = new WorkLoop(
      {
        activity: 'supervising projection builds',
        logger: this.logger,
        idleMs: config.get('PROJECTION_REBUILD_CHECK_MS', { infer: true }),
      },
      () => this.pass(),
    );
    const registers = [registry];
    this.postsBehind = new Gauge({
      name: 'projection_build_posts_behind',
      help: 'Posts a projection’s build under way has still to catch up with the live build.',
      labelNames: ['projection'],
      registers,
    });
    this.switches = new Counter({
      name: 'projection_build_switches_total',
      help: 'Builds that became the live one, switched by this instance.',
      labelNames: ['projection'],
      registers,
    });
    const counts = scrapeRead(() => builds.counts());
    new Gauge({
      name: 'projection_builds',
      help: 'Builds of each projection by state (live, building, retired, abandoned), not dropped.',
      labelNames: ['projection', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const { projection, state, builds } of (await counts()) ?? []) {
          this.set({ projection, state }, builds);
        }
      },
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await this.lock?.release();
  }

  /** An admin's rebuild: the build under way, or a new one of the code's version. */
  async rebuild(name: string): Promise<RebuildRequest> {
    const projection = this.projections.named(name);
    const request = await this.builds.start(
      name,
      projection.tables,
      projection.version,
      'rebuild requested by an admin',
    );
    this.loop.wake();
    return request;
  }

  abandon(name: string): Promise<ProjectionBuild | null> {
    return this.builds.abandon(name, 'abandoned by an admin');
  }

  private async pass(): Promise<boolean> {
    if (!(await this.leading())) return false;
    const underWay: UnderWay[] = [];
    for (const { name, projection } of this.projections.all) {
      const found = await this.settle(name, projection);
      if (found) underWay.push(found);
    }
    try {
      await this.feed(underWay);
    } catch (error) {
      for (const { building } of underWay) {
        await this.builds.note(building, `waiting for post-cmd: ${String(error)}`);
      }
      throw error;
    }
    await this.builds.dropEnded();
    return false;
  }

  /** Holds the supervisor's lock on a connection of its own, or tries to take it. */
  private async leading(): Promise<boolean> {
    if (this.lock) {
      try {
        await this.lock.query('SELECT 1');
        return true;
      } catch {
        await this.lock.release().catch(() => undefined);
        this.lock = undefined;
      }
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const [answer] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
      SUPERVISOR_LOCK_KEY,
    ])) as { locked: boolean }[];
    if (!answer?.locked) {
      await runner.release();
      return false;
    }
    this.lock = runner;
    return true;
  }

  /**
   * Starts the build a deploy of a new version needs, abandons one of another version; the
   * build under way of this code's version, if any.
   */
  private async settle(name: string, projection: Projection): Promise<UnderWay | undefined> {
    const builds = await this.builds.of(name);
    const live = builds.find((build) => build.state === 'live');
    const building = builds.find((build) => build.state === 'building');
    if (!live) return undefined;
    if (!building) {
      this.postsBehind.set({ projection: name }, 0);
      if (live.version < projection.version) {
        await this.builds.start(
          name,
          projection.tables,
          projection.version,
          `version ${projection.version} deployed (live: version ${live.version})`,
        );
      }
      return undefined;
    }
    if (building.version !== projection.version) {
      await this.builds.abandon(name, `replaced: this code is version ${projection.version}`);
      return undefined;
    }
    return { projection, live, building };
  }

  /**
   * One republish feeds every build under way. On post-cmd a request replaces the one before,
   * so builds asking apart would stop each other's for ever: when one needs a republish (it has
   * none, another replaced its own, or posts stayed behind after it), one is asked for all.
   */
  private async feed(underWay: readonly UnderWay[]): Promise<void> {
    const states = new Map<string, ReplayState>();
    const reasons = new Map<UnderWay, string | undefined>();
    for (const entry of underWay) {
      const job = entry.building.replayJob;
      const state = job === null ? undefined : (states.get(job) ?? (await this.replay.state(job)));
      if (job !== null && state !== undefined) states.set(job, state);
      if (state === undefined || state === 'replaced') reasons.set(entry, undefined);
      else {
        const behind = await this.follow(entry, state);
        if (behind !== undefined) reasons.set(entry, behind);
      }
    }
    if (reasons.size === 0) return;
    const job = await this.replay.request();
    for (const entry of underWay) {
      this.behindSince.delete(positionKeyOf(entry.building));
      await this.builds.recordReplay(entry.building, job);
      const reason = reasons.get(entry);
      if (reason !== undefined) await this.builds.note(entry.building, reason);
    }
  }

  /**
   * A build whose republish runs or has ended: how far behind it is, and the switch once it
   * has caught up. Why it needs its republish again, if it does.
   */
  private async follow(
    { projection, live, building }: UnderWay,
    replay: Exclude<ReplayState, 'replaced'>,
  ): Promise<string | undefined> {
    const key = positionKeyOf(building);
    const lag = await this.builds.lag(live, building);
    this.postsBehind.set({ projection: building.projection }, lag.posts);
    if (replay === 'running') return undefined;
    if (lag.posts === 0) {
      if (await this.builds.switchTo(building, projection.tables)) {
        this.switches.inc({ projection: building.projection });
        this.behindSince.delete(key);
        this.logger.log(
          `${building.projection}: build ${building.build} is live (replaced build ${live.build})`,
        );
      }
      return undefined;
    }
    const since = this.behindSince.get(key) ?? Date.now();
    this.behindSince.set(key, since);
    if (Date.now() - since < IN_FLIGHT_GRACE_MS) return undefined;
    // Not expected (a post's events ahead of the build are held for it until the republish
    // brings their predecessors), but never a build stuck for good: everything, once more.
    return `${lag.posts} post(s) were still behind after the republish (${lag.sample.join(', ')}): republished again`;
  }
}
