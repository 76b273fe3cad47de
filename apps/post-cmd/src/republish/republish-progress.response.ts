import { ApiProperty } from '@nestjs/swagger';

export class RepublishProgressResponse {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The newest republish, whose progress this is (null before the first). A newer request ' +
      'replaces it: a caller waiting for its own sees another id once it was replaced.',
  })
  readonly jobId!: string | null;

  @ApiProperty({ description: 'A republish is under way.' })
  readonly republishing!: boolean;

  @ApiProperty({ description: 'Events the current (or last) republish has published so far.' })
  readonly republished!: number;

  @ApiProperty({ description: 'New events the outbox has yet to publish.' })
  readonly unpublished!: number;

  @ApiProperty({ description: 'Nothing left to publish: no republish under way, outbox empty.' })
  readonly done!: boolean;
}
