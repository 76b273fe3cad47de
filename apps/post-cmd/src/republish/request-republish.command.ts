import { Command } from '@nestjs/cqrs';
import type { RepublishState } from './republish-job';

/** Publish the stored events again, all (`aggregateId` null) or one post's. */
export class RequestRepublishCommand extends Command<RepublishState> {
  constructor(readonly aggregateId: string | null) {
    super();
  }
}
