import { ApiProperty } from '@nestjs/swagger';
import { PostSummaryResponse } from '../post-details/post-details.response';

export class PostPageResponse {
  @ApiProperty({ type: [PostSummaryResponse], description: 'Newest first.' })
  readonly items!: PostSummaryResponse[];

  @ApiProperty({ description: 'Posts matching the filters, on all pages.' })
  readonly total!: number;

  @ApiProperty({ example: 1 })
  readonly page!: number;

  @ApiProperty({ example: 20 })
  readonly limit!: number;
}
