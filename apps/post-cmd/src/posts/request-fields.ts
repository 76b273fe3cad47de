import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MAX_USERNAME_LENGTH } from './post.rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A required text field of a request: a string, trimmed, non-empty, at most `maxLength`. */
export const TextField = (maxLength: number, example: string) =>
  applyDecorators(
    ApiProperty({ example, maxLength }),
    Transform(trim),
    IsString(),
    IsNotEmpty(),
    MaxLength(maxLength),
  );

/** The acting user. There is no authentication in this system: the name is taken as given. */
export const UsernameField = (example = 'ada') => TextField(MAX_USERNAME_LENGTH, example);
