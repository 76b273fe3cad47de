import { ApiProperty } from '@nestjs/swagger';
import { MODERATION_DECISIONS, type ModerationDecision } from '@social-posts/post-events';
import { IsIn } from 'class-validator';

export class DecideCaseRequestDto {
  @ApiProperty({
    enum: MODERATION_DECISIONS,
    example: 'keep',
    description: '`keep` shows the post again; `remove` takes it down for good.',
  })
  @IsIn(MODERATION_DECISIONS, {
    message: `$property must be one of: ${MODERATION_DECISIONS.join(', ')}`,
  })
  readonly decision!: ModerationDecision;
}
