import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PostCommandRunner } from '../../posts/application/post-command-runner';
import { CaseNotOpen } from '../../posts/domain/post.errors';
import { CaseNotFound } from '../case-not-found.error';
import { MODERATION_CASES, type ModerationCases } from '../moderation-cases.port';
import { ModerationMetrics } from '../moderation-metrics';
import type { CaseDecided } from './case-decided.response';
import { DecideCaseCommand } from './decide-case.command';
import { decideCase } from './decide-case.decide';

/**
 * Ends a case on its post. The post decides whether the case is still open (its version settles
 * a moderator racing the deadline); the case's document is closed after, and again, with the
 * same outcome, when the moderation process reads the event back from Kafka.
 */
@CommandHandler(DecideCaseCommand)
export class DecideCaseHandler implements ICommandHandler<DecideCaseCommand> {
  constructor(
    private readonly runner: PostCommandRunner,
    @Inject(MODERATION_CASES) private readonly cases: ModerationCases,
    private readonly metrics: ModerationMetrics,
  ) {}

  async execute({
    caseId,
    decision,
    decidedBy,
    metadata,
  }: DecideCaseCommand): Promise<CaseDecided> {
    const found = await this.cases.find(caseId);
    if (found === null) throw new CaseNotFound(caseId);
    const { postId } = found;
    // A retry with an Idempotency-Key gets its first answer from the runner; anyone else, a 409.
    if (found.outcome !== null && metadata.idempotency === undefined) {
      throw new CaseNotOpen(postId, caseId);
    }
    const { version } = await this.runner.run(postId, metadata, (state) =>
      decideCase({ postId, caseId, decision, decidedBy, at: metadata.receivedAt }, state),
    );
    const outcome = { decision, decidedBy, version, decidedAt: metadata.receivedAt };
    this.metrics.closed(await this.cases.record([{ kind: 'closed', caseId, outcome }]));
    return { caseId, postId, decision, version };
  }
}
