import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandMetadata } from '@social-posts/event-sourcing';
import { PostRuleViolation } from '../posts/domain/post.errors';
import { DecideCaseCommand } from './decide-case/decide-case.command';
import { HidePostCommand } from './hide-post/hide-post.command';
import type { ModerationCommand } from './process/moderation-process';

/** What became of a command the process sent. */
export type SentCommand =
  | { readonly accepted: true; readonly version: number; readonly at: string }
  | { readonly accepted: false; readonly refusal: string; readonly at: string };

/**
 * Sends the process's commands through the command bus, as the routes do, with the idempotency
 * key the process made for the step: the event store carries each out once, however often it
 * is sent. No one acts (no actor): the events name no person. A rule that refuses the command
 * (the post was removed meanwhile, the case was decided) is an answer, not a failure.
 */
@Injectable()
export class ModerationCommands {
  private readonly logger = new Logger(ModerationCommands.name);

  constructor(private readonly commandBus: CommandBus) {}

  async send(
    command: ModerationCommand,
    correlationId: string = randomUUID(),
  ): Promise<SentCommand> {
    const metadata: CommandMetadata = {
      commandId: randomUUID(),
      correlationId,
      receivedAt: new Date().toISOString(),
      idempotency: {
        key: command.idempotencyKey,
        request: createHash('sha256').update(JSON.stringify(command)).digest('base64url'),
      },
    };
    try {
      const { version } = await this.execute(command, metadata);
      return { accepted: true, version, at: metadata.receivedAt };
    } catch (error) {
      if (!(error instanceof PostRuleViolation)) throw error;
      this.logger.log(`${command.kind} for case ${command.caseId} refused: ${error.message}`);
      return { accepted: false, refusal: error.problem, at: metadata.receivedAt };
    }
  }

  private execute(
    command: ModerationCommand,
    metadata: CommandMetadata,
  ): Promise<{ readonly version: number }> {
    switch (command.kind) {
      case 'hide': {
        const { postId, caseId, reports, reasons, reviewBy } = command;
        return this.commandBus.execute(
          new HidePostCommand({ postId, caseId, reports, reasons, reviewBy, metadata }),
        );
      }
      case 'decide': {
        const { caseId, decision, decidedBy } = command;
        return this.commandBus.execute(
          new DecideCaseCommand({ caseId, decision, decidedBy, metadata }),
        );
      }
    }
  }
}
