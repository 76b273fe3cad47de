import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { STORABLE_TEXT, UNSTORABLE_TEXT_REASON } from '../domain/post.rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Printable characters of the Basic Multilingual Plane, and tab and line breaks. */
const PRINTABLE = String.raw`[\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFF]`;
/**
 * Printable characters of the BMP that String.prototype.trim() keeps: one of them makes a text
 * non-empty once trimmed. Listed as ranges rather than as a negated class, so that the pattern
 * names no surrogate (Rust's regex engine, which some validators use, rejects those).
 */
const VISIBLE = String.raw`[\u0021-\u007E\u00A1-\u167F\u1681-\u1FFF\u200B-\u2027\u202A-\u202E\u2030-\u205E\u2060-\u2FFF\u3001-\uD7FF\uE000-\uFEFE\uFF00-\uFFFF]`;

/**
 * `STORABLE_TEXT` and "not empty once trimmed" as one JSON Schema pattern, for the OpenAPI
 * document: no Unicode property escapes, which not every client's regex engine knows, so it is
 * a little stricter than the server (characters beyond the BMP, which the server takes, are
 * left out). A property test checks that the server takes every text it matches.
 */
export const STORABLE_TEXT_PATTERN = `^${PRINTABLE}*${VISIBLE}${PRINTABLE}*$`;

/**
 * A required text field of a request: a string, trimmed, non-empty, storable (see
 * `STORABLE_TEXT`), at most `maxLength` characters, documented with the same bounds.
 */
export const TextField = (maxLength: number, example: string) =>
  applyDecorators(
    ApiProperty({
      example,
      minLength: 1,
      maxLength,
      pattern: STORABLE_TEXT_PATTERN,
      description:
        'Trimmed; not empty once trimmed; no control characters other than tab and line breaks.',
    }),
    Transform(trim),
    IsString(),
    IsNotEmpty(),
    Matches(STORABLE_TEXT, { message: `$property ${UNSTORABLE_TEXT_REASON}` }),
    MaxLength(maxLength),
  );
