import { applyDecorators, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiPayloadTooLargeResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Authenticated } from '@social-posts/service-runtime';
import { IDEMPOTENCY_KEY } from './command-metadata.decorator';
import { CommandMetricsInterceptor } from '../application/command-metrics';
import { QUOTED_VERSION } from './expected-version.decorator';

/**
 * What every command shares: the token's user (or, for `AdminOnly`, an admin) acts, the answers
 * to a bad request, and its count in `post_commands_total`.
 */
export const ApiCommand = (access: typeof Authenticated = Authenticated) =>
  applyDecorators(
    access(),
    UseInterceptors(CommandMetricsInterceptor),
    ApiHeader({ name: 'X-Correlation-Id', required: false }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
      description:
        'A key of your own (a UUID, say) for this request: a retry with the same key and ' +
        'the same request gets the first answer and changes nothing more, even after a ' +
        'timeout or a restart. Keys are kept with the events, per user.',
    }),
    ApiUnprocessableEntityResponse({
      description: 'The Idempotency-Key was already used for a different request.',
    }),
    ApiBadRequestResponse({ description: 'problem+json naming each invalid field.' }),
    ApiPayloadTooLargeResponse({ description: 'Body over 64 kB.' }),
    ApiUnsupportedMediaTypeResponse({
      description: 'Body not application/json, or a charset other than UTF-8.',
    }),
  );

/** What every command on an existing post shares besides: If-Match, and the rules' answers. */
export const ApiCommandOnPost = (forbidden?: string) =>
  applyDecorators(
    ApiCommand(),
    ApiHeader({
      name: 'If-Match',
      required: false,
      schema: { type: 'string', pattern: QUOTED_VERSION.source },
      description:
        'The version the command must apply to, as the ETag gave it ("3"). Without it, a ' +
        'concurrent change is retried on the newer state.',
    }),
    ...(forbidden ? [ApiForbiddenResponse({ description: forbidden })] : []),
    ApiNotFoundResponse({ description: 'No such post (or comment).' }),
    ApiConflictResponse({
      description:
        'The post is removed, the rule forbids it (already liked, already reported), or ' +
        'If-Match names another version (`currentVersion` in the body).',
    }),
  );
