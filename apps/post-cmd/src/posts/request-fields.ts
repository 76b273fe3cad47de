import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { STORABLE_TEXT, UNSTORABLE_TEXT_REASON } from './post.rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * A required text field of a request: a string, trimmed, non-empty, storable (see
 * `STORABLE_TEXT`), at most `maxLength`.
 */
export const TextField = (maxLength: number, example: string) =>
  applyDecorators(
    ApiProperty({ example, maxLength }),
    Transform(trim),
    IsString(),
    IsNotEmpty(),
    Matches(STORABLE_TEXT, { message: `$property ${UNSTORABLE_TEXT_REASON}` }),
    MaxLength(maxLength),
  );
