import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** PostgreSQL's `integer`: the largest count or version a query can compare with. */
export const MAX_INT32 = 2_147_483_647;

/** Only decimal digits are a number here: not `''`, `1e3`, `0x10` or ` 7`, which Number() takes. */
const toInteger = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value;

export interface IntegerParamOptions {
  readonly minimum: number;
  readonly maximum: number;
  readonly description?: string;
  readonly default?: number;
}

/**
 * An optional integer query parameter: validated and documented from the same bounds, so the
 * OpenAPI document and the validation cannot disagree.
 */
export const IntegerParam = (options: IntegerParamOptions) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', ...options }),
    IsOptional(),
    Transform(toInteger),
    IsInt(),
    Min(options.minimum),
    Max(options.maximum),
  );
