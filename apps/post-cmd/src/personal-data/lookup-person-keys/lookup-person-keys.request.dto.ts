import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

/** As many as one batch of the stream names at most, in one call. */
export const MAX_KEY_IDS = 1_000;

export class LookupPersonKeysRequestDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_KEY_IDS,
    description: 'Key ids, as sealed fields and the events’ `person` name them.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_KEY_IDS)
  @IsUUID('all', { each: true })
  readonly keyIds!: string[];
}
