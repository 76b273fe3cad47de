import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { correlationIdFor } from './correlation';
import { InvalidRequest } from './invalid-request.exception';
import {
  hasResponseHeaders,
  PROBLEM_CONTENT_TYPE,
  ProblemException,
  problemType,
  type DomainErrorMapper,
  type ProblemDetails,
} from './problem-details';

/** Errors of Express's body parser carry their status and a type such as `entity.too.large`. */
interface BodyParserError {
  readonly type: string;
  readonly status: number;
  readonly message: string;
}

const isBodyParserError = (error: unknown): error is BodyParserError =>
  error instanceof Error &&
  typeof (error as Partial<BodyParserError>).type === 'string' &&
  typeof (error as Partial<BodyParserError>).status === 'number';

/** The problem type of an error nothing foresaw: a bug, logged with its stack. */
const UNFORESEEN = problemType('internal-error');

/** The answers to body-parser's errors (and `requireUtf8`'s), by their type. */
const BODY_PARSER_PROBLEMS: Readonly<Record<string, { status: number; detail: string }>> = {
  'entity.parse.failed': { status: 400, detail: 'The request body is not valid JSON.' },
  'entity.utf8.invalid': { status: 400, detail: 'The request body is not valid UTF-8.' },
  'entity.too.large': { status: 413, detail: 'The request body is too large.' },
  'encoding.unsupported': {
    status: 415,
    detail: 'The request body has an unsupported Content-Encoding.',
  },
  'charset.unsupported': { status: 415, detail: 'The request body’s charset must be UTF-8.' },
};

const title = (status: number): string => {
  const name = HttpStatus[status];
  return name === undefined
    ? 'Error'
    : name
        .split('_')
        .map((word) => word.charAt(0) + word.slice(1).toLowerCase())
        .join(' ');
};

/**
 * The one place where errors become HTTP answers: every error is an `application/problem+json`
 * body. Domain errors are mapped by the app's mapper; anything unforeseen is a 500 that is
 * logged with its stack and tells the client nothing internal.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  constructor(private readonly mapDomainError: DomainErrorMapper = () => undefined) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = {
      ...this.toProblem(error),
      instance: request.originalUrl,
      // The shell's first middleware gave the request its id; this returns the same one.
      correlationId: correlationIdFor(request, response),
    };
    const failed = `${request.method} ${request.originalUrl} failed`;
    if (problem.type === UNFORESEEN) {
      this.logger.error(failed, error instanceof Error ? error.stack : String(error));
    } else if (problem.status >= 500) {
      // A known condition (a dependency down, a read model behind): one line is enough.
      this.logger.warn(`${failed}: ${problem.status} ${problem.detail}`);
    }
    if (hasResponseHeaders(error)) response.set(error.responseHeaders);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).json(problem);
  }

  private toProblem(error: unknown): ProblemDetails {
    const domain = this.mapDomainError(error);
    if (domain) return { ...domain, title: title(domain.status) };

    if (error instanceof ProblemException)
      return { ...error.problem, title: title(error.problem.status) };
    if (error instanceof InvalidRequest) {
      return {
        type: 'about:blank',
        title: title(400),
        status: 400,
        detail: error.message,
        errors: error.fieldErrors,
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return { type: 'about:blank', title: title(status), status, detail: error.message };
    }
    if (isBodyParserError(error) && error.status >= 400 && error.status < 500) {
      const { status, detail } = BODY_PARSER_PROBLEMS[error.type] ?? {
        status: error.status,
        detail: error.message,
      };
      return { type: 'about:blank', title: title(status), status, detail };
    }
    return {
      type: UNFORESEEN,
      title: title(500),
      status: 500,
      detail: 'The server failed to handle this request; it has been logged.',
    };
  }
}
