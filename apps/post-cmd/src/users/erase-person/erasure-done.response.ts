import { ApiProperty } from '@nestjs/swagger';

export interface ErasureDone {
  readonly username: string;
  /** The posts the person had acted on, each of which now holds a PersonErased. */
  readonly posts: number;
  /** Whether there was anything to erase: false for someone who never acted, or erased before. */
  readonly erased: boolean;
}

export class ErasureDoneResponse implements ErasureDone {
  @ApiProperty({ example: 'ada' })
  readonly username!: string;

  @ApiProperty({
    example: 3,
    description: 'The posts the person had acted on: each now records the erasure.',
  })
  readonly posts!: number;

  @ApiProperty({
    description:
      'Whether there was anything to erase: false when the person never acted, or was erased ' +
      'before (an erasure is idempotent).',
  })
  readonly erased!: boolean;
}
