import { ApiProperty } from '@nestjs/swagger';
import { MODERATION_DECISIONS, type ModerationDecision } from '@social-posts/post-events';

export interface CaseDecided {
  readonly caseId: string;
  readonly postId: string;
  readonly decision: ModerationDecision;
  readonly version: number;
}

export class CaseDecidedResponse implements CaseDecided {
  @ApiProperty({ format: 'uuid' })
  readonly caseId!: string;

  @ApiProperty({ format: 'uuid' })
  readonly postId!: string;

  @ApiProperty({ enum: MODERATION_DECISIONS })
  readonly decision!: ModerationDecision;

  @ApiProperty({
    description: 'The post’s version after the decision (PostShown or PostTakenDown).',
    example: 5,
  })
  readonly version!: number;
}
