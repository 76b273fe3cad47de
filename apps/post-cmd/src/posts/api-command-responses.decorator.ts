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

/** The OpenAPI description every command on an existing post shares. */
export const ApiCommandOnPost = (forbidden?: string) =>
  applyDecorators(
    ApiHeader({ name: 'X-Correlation-Id', required: false }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The version the command must apply to, as the ETag gave it ("3"). Without it, a ' +
        'concurrent change is retried on the newer state.',
    }),
    ApiBadRequestResponse({ description: 'problem+json naming each invalid field.' }),
    ...(forbidden ? [ApiForbiddenResponse({ description: forbidden })] : []),
    ApiNotFoundResponse({ description: 'No such post (or comment).' }),
    ApiConflictResponse({
      description:
        'The post is removed, the rule forbids it (already liked), or If-Match names another ' +
        'version (`currentVersion` in the body).',
    }),
    ApiPayloadTooLargeResponse({ description: 'Body over 64 kB.' }),
    ApiUnsupportedMediaTypeResponse({ description: 'Body not application/json.' }),
  );
