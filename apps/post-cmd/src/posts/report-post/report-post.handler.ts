import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PostCommandRunner, type CommandAccepted } from '../application/post-command-runner';
import { ReportPostCommand } from './report-post.command';
import { decideReportPost } from './report-post.decide';

@CommandHandler(ReportPostCommand)
export class ReportPostHandler implements ICommandHandler<ReportPostCommand> {
  constructor(private readonly runner: PostCommandRunner) {}

  execute({
    postId,
    username,
    reason,
    expectedVersion,
    metadata,
  }: ReportPostCommand): Promise<CommandAccepted> {
    return this.runner.run(
      postId,
      metadata,
      (state) => decideReportPost({ postId, username, reason, at: metadata.receivedAt }, state),
      { expectedVersion },
    );
  }
}
