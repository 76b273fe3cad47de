import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The post as the write side knows it after replaying its events up to `version`: what its
 * rules need. Comments and who liked are on the read side (and each is an event: /events).
 */
export class PostStateResponse {
  @ApiProperty({ format: 'uuid' })
  readonly postId!: string;

  @ApiProperty({ description: 'The version this state is as of.' })
  readonly version!: number;

  @ApiProperty({ enum: ['Active', 'Removed'] })
  readonly status!: 'Active' | 'Removed';

  @ApiProperty()
  readonly author!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'null when an edit replaced this message since (see `withheld`): only the post’s author and admins read a replaced message.',
  })
  readonly message!: string | null;

  @ApiPropertyOptional({
    type: [String],
    enum: ['message'],
    description: 'The fields withheld from this answer (their values null). Absent: none.',
  })
  readonly withheld?: readonly 'message'[];

  @ApiProperty({ format: 'date-time' })
  readonly datePosted!: string;

  @ApiProperty({
    description:
      "How many users like the post. Who they are is not part of the write side's state (each like is an event: GET /posts/{id}/events).",
  })
  readonly likes!: number;
}
