import { ApiProperty } from '@nestjs/swagger';

export interface PersonKeyFound {
  readonly keyId: string;
  /** The AES-256 data key, base64. */
  readonly key: string;
}

export interface PersonKeysFound {
  readonly keys: readonly PersonKeyFound[];
}

class PersonKeyFoundResponse implements PersonKeyFound {
  @ApiProperty({ format: 'uuid' })
  readonly keyId!: string;

  @ApiProperty({ description: 'The AES-256-GCM data key, base64 (32 bytes).' })
  readonly key!: string;
}

export class PersonKeysFoundResponse implements PersonKeysFound {
  @ApiProperty({
    type: [PersonKeyFoundResponse],
    description: 'The keys that exist; a key id left out was erased (or never was).',
  })
  readonly keys!: PersonKeyFoundResponse[];
}
