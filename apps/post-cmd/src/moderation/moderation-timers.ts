import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { WorkLoop } from '@social-posts/service-runtime';
import { MODERATION_CASES, type ModerationCases } from './moderation-cases.port';
import { ModerationCommands } from './moderation-commands';
import { ModerationMetrics } from './moderation-metrics';
import { ModerationSettings } from './moderation-settings';
import { onRefused, onTimer } from './process/moderation-process';

/**
 * The process's timers are its open cases' deadlines, in the store: not `setTimeout`, which
 * dies with the process. Every instance looks for due ones at start and every
 * MODERATION_TIMER_CHECK_MS, so a deadline that passed while all were down fires at the next
 * start. A due timer is fired by the instance that claims it for the current lease period (a
 * unique insert); if that instance dies before the case closes, the next period's claimant
 * fires it again, with the same idempotency key, and the post carries the decision out once.
 */
@Injectable()
export class ModerationTimers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ModerationTimers.name);
  /** This instance, as its claims name it. */
  private readonly owner = randomUUID();
  private readonly loop: WorkLoop;

  constructor(
    @Inject(MODERATION_CASES) private readonly cases: ModerationCases,
    private readonly commands: ModerationCommands,
    private readonly metrics: ModerationMetrics,
    private readonly settings: ModerationSettings,
  ) {
    this.loop = new WorkLoop(
      { activity: 'firing moderation timers', logger: this.logger, idleMs: settings.timerCheckMs },
      () => this.fireDue(new Date()),
    );
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /**
   * Fires the timers due at `now` that this instance claims. The lease period is counted from
   * the deadline, so every instance names the same slot at the same time.
   */
  async fireDue(now: Date): Promise<false> {
    const open = await this.cases.open();
    const deadlines = new Map(open.map((each) => [each.caseId, Date.parse(each.deadline)]));
    for (const command of onTimer(open, now, this.settings.process)) {
      const overdueMs = now.getTime() - deadlines.get(command.caseId)!;
      const slot = Math.floor(overdueMs / this.settings.timerLeaseMs);
      if (!(await this.cases.claimTimer(command.caseId, slot, this.owner))) continue;
      const sent = await this.commands.send(command);
      if (sent.accepted) continue;
      this.metrics.closed(await this.cases.record(onRefused(command, sent.refusal, sent.at)));
    }
    return false;
  }
}
