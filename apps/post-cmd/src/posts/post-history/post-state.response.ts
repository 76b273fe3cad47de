import { ApiProperty } from '@nestjs/swagger';

export class CommentStateResponse {
  @ApiProperty({ format: 'uuid' })
  readonly commentId!: string;

  @ApiProperty()
  readonly username!: string;

  @ApiProperty()
  readonly comment!: string;
}

/** The post as the write side knows it after replaying its events up to `version`. */
export class PostStateResponse {
  @ApiProperty({ format: 'uuid' })
  readonly postId!: string;

  @ApiProperty({ description: 'The version this state is as of.' })
  readonly version!: number;

  @ApiProperty({ enum: ['Active', 'Removed'] })
  readonly status!: 'Active' | 'Removed';

  @ApiProperty()
  readonly author!: string;

  @ApiProperty()
  readonly message!: string;

  @ApiProperty({ format: 'date-time' })
  readonly datePosted!: string;

  @ApiProperty({ type: [String] })
  readonly likedBy!: readonly string[];

  @ApiProperty({ type: [CommentStateResponse] })
  readonly comments!: readonly CommentStateResponse[];
}
