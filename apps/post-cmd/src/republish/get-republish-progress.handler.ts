import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { OUTBOX, type Outbox } from '../outbox/outbox.port';
import { GetRepublishProgressQuery } from './get-republish-progress.query';
import { MongoRepublishJobs } from './mongo-republish-jobs';
import type { RepublishProgressResponse } from './republish-progress.response';

/**
 * No total: counting all events costs FerretDB a read of every one, where the outbox is
 * counted slot by slot.
 */
@QueryHandler(GetRepublishProgressQuery)
export class GetRepublishProgressHandler implements IQueryHandler<GetRepublishProgressQuery> {
  constructor(
    private readonly jobs: MongoRepublishJobs,
    @Inject(OUTBOX) private readonly outbox: Outbox,
  ) {}

  async execute(): Promise<RepublishProgressResponse> {
    const [state, backlog] = await Promise.all([this.jobs.newest(), this.outbox.backlog()]);
    const republishing = state !== null && !state.progress.done;
    return {
      jobId: state?.job.id ?? null,
      republishing,
      republished: state?.progress.published ?? 0,
      unpublished: backlog.events,
      done: !republishing && backlog.events === 0,
    };
  }
}
