import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { MODERATION_CASES, type ModerationCases } from '../moderation-cases.port';
import { ListOpenCasesQuery } from './list-open-cases.query';
import type { OpenCasesResponse } from './open-cases.response';

@QueryHandler(ListOpenCasesQuery)
export class ListOpenCasesHandler implements IQueryHandler<ListOpenCasesQuery> {
  constructor(@Inject(MODERATION_CASES) private readonly cases: ModerationCases) {}

  async execute(): Promise<OpenCasesResponse> {
    const open = await this.cases.open();
    return {
      items: open.map(({ caseId, postId, reports, reasons, openedAt, deadline }) => ({
        caseId,
        postId,
        reports,
        reasons,
        openedAt,
        deadline,
      })),
    };
  }
}
