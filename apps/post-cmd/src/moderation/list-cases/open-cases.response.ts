import { ApiProperty } from '@nestjs/swagger';
import { REPORT_REASONS, type ReportReason } from '@social-posts/post-events';

export class OpenCaseResponse {
  @ApiProperty({ format: 'uuid' })
  readonly caseId!: string;

  @ApiProperty({ format: 'uuid', description: 'The post hidden while the case is open.' })
  readonly postId!: string;

  @ApiProperty({ description: 'How many distinct users’ reports opened the case.', example: 3 })
  readonly reports!: number;

  @ApiProperty({ enum: REPORT_REASONS, isArray: true, description: 'Their reasons, each once.' })
  readonly reasons!: readonly ReportReason[];

  @ApiProperty({ format: 'date-time', description: 'When the report that opened it was made.' })
  readonly openedAt!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'Past it with no decision, MODERATION_DEFAULT applies.',
  })
  readonly deadline!: string;
}

export class OpenCasesResponse {
  @ApiProperty({ type: [OpenCaseResponse], description: 'Soonest deadline first.' })
  readonly items!: OpenCaseResponse[];
}
