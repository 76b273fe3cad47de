import { ApiProperty } from '@nestjs/swagger';
import { REPORT_REASONS, type ReportReason } from '@social-posts/post-events';
import { IsIn } from 'class-validator';

export class ReportPostRequestDto {
  @ApiProperty({
    enum: REPORT_REASONS,
    example: 'spam',
    description: 'Why the post should be looked at by a moderator.',
  })
  @IsIn(REPORT_REASONS, { message: `$property must be one of: ${REPORT_REASONS.join(', ')}` })
  readonly reason!: ReportReason;
}
