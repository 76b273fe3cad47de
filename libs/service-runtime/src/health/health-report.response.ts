import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * @nestjs/terminus's report: each dependency by name, with `status` up or down. Not ready is a
 * 503 problem+json (`urn:social-posts:problem:not-ready`) whose `checks` holds the same details.
 */
export class HealthReport {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] })
  readonly status!: 'ok' | 'error' | 'shutting_down';

  @ApiPropertyOptional({
    description: 'The dependencies that are up.',
    type: 'object',
    additionalProperties: true,
  })
  readonly info?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'The dependencies that are down, and why.',
    type: 'object',
    additionalProperties: true,
  })
  readonly error?: Record<string, unknown>;

  @ApiProperty({ description: 'Every dependency.', type: 'object', additionalProperties: true })
  readonly details!: Record<string, unknown>;
}
