import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiPayloadTooLargeResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Authenticated } from '@social-posts/service-runtime';
import { QUOTED_VERSION } from './expected-version.decorator';

/** What every command shares: the token's user acts, and the answers to a bad request. */
export const ApiCommand = () =>
  applyDecorators(
    Authenticated(),
    ApiHeader({ name: 'X-Correlation-Id', required: false }),
    ApiBadRequestResponse({ description: 'problem+json naming each invalid field.' }),
    ApiPayloadTooLargeResponse({ description: 'Body over 64 kB.' }),
    ApiUnsupportedMediaTypeResponse({ description: 'Body not application/json.' }),
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
        'The post is removed, the rule forbids it (already liked), or If-Match names another ' +
        'version (`currentVersion` in the body).',
    }),
  );
