import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { isRateLimited } from './access/command-rate-limits';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

/** The operations a path item of an OpenAPI document may hold. */
export const METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

/** RFC 9457, as ProblemDetailsFilter writes it; extensions such as `currentVersion` allowed. */
const PROBLEM_DETAILS: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', description: 'A URI naming the kind of problem, or about:blank.' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    correlationId: {
      type: 'string',
      description:
        'The request’s correlation id (the `X-Correlation-Id` sent, or a new one), as in the ' +
        'logs: quote it when reporting a problem.',
    },
    errors: {
      type: 'array',
      description: 'With a 400 for invalid input: each offending field and why.',
      items: {
        type: 'object',
        required: ['field', 'messages'],
        properties: {
          field: { type: 'string' },
          messages: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
  additionalProperties: true,
};

/** What the shared HTTP shell may answer on any route, whatever the route itself declares. */
const SHELL_ANSWERS: Readonly<Record<string, string>> = {
  '400':
    'The request is malformed: a body that is not valid JSON or not valid UTF-8, or a ' +
    'parameter, header or field that is not valid or not declared (`errors` names each).',
  '413': 'The body is over 64 kB.',
  '415': 'The body is not application/json, or its charset is not UTF-8.',
  '503':
    'A server the service depends on cannot be reached, or (a command) the service is at ' +
    'capacity and `Retry-After` says when to try again; nothing was changed by the refusal ' +
    'for capacity, and the request may be retried.',
};

const RATE_LIMITED =
  'Too many commands from this user or address; `Retry-After` says when to try again.';

/** The component a request body refers to, if any. */
function requestBodySchema(operation: OperationObject): string | undefined {
  const body = operation.requestBody;
  if (body === undefined || '$ref' in body) return undefined;
  const schema = body.content['application/json']?.schema;
  return schema !== undefined && '$ref' in schema
    ? schema.$ref.replace('#/components/schemas/', '')
    : undefined;
}

/**
 * Completes what the routes' decorators say with what the shell does on every route: the
 * answers of the body parser, the validation pipe and the error filter (400, 413, 415, 503),
 * the rate limits' 429 on every command (from the same rule the guard uses), every error as
 * `application/problem+json` with its schema, and request bodies closed to fields they do not
 * declare (the validation pipe rejects those).
 */
export function completeContract(document: OpenAPIObject): void {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ProblemDetails: PROBLEM_DETAILS },
  };
  for (const operations of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = operations[method];
      if (operation === undefined) continue;
      const { responses } = operation;
      const body = requestBodySchema(operation);
      const bodySchema = body === undefined ? undefined : document.components.schemas?.[body];
      if (bodySchema !== undefined && !('$ref' in bodySchema)) {
        bodySchema.additionalProperties = false;
      }
      for (const [status, description] of Object.entries(SHELL_ANSWERS)) {
        responses[status] ??= { description };
      }
      if (isRateLimited(method)) responses['429'] ??= { description: RATE_LIMITED };
      for (const [status, response] of Object.entries(responses)) {
        if (response === undefined || Number(status) < 400 || '$ref' in response) continue;
        response.content = {
          [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } },
        };
      }
    }
  }
}
