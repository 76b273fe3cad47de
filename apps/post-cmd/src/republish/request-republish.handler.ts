import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Republisher } from './republisher';
import type { RepublishState } from './republish-job';
import { RequestRepublishCommand } from './request-republish.command';

@CommandHandler(RequestRepublishCommand)
export class RequestRepublishHandler implements ICommandHandler<RequestRepublishCommand> {
  constructor(private readonly republisher: Republisher) {}

  execute({ aggregateId }: RequestRepublishCommand): Promise<RepublishState> {
    return this.republisher.request(aggregateId);
  }
}
