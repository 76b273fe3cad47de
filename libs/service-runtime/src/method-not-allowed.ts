import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { correlationIdFor } from './correlation';
import { METHODS } from './openapi-contract';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details';

interface Route {
  readonly path: RegExp;
  /** The methods the document declares, as `Allow` lists them. */
  readonly allowed: readonly string[];
}

const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

function routesOf(document: OpenAPIObject): Route[] {
  return Object.entries(document.paths).map(([path, item]) => ({
    path: new RegExp(`^${escape(path).replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    allowed: METHODS.filter((method) => item[method] !== undefined).map((method) =>
      method.toUpperCase(),
    ),
  }));
}

/**
 * A method the document does not declare on a path it does declare is a 405 with `Allow`
 * (RFC 9110), not the 404 Nest's router would answer: the path exists, the method does not.
 * HEAD goes wherever GET does, as Express answers it.
 */
export function answerUndeclaredMethods(
  app: NestExpressApplication,
  document: OpenAPIObject,
): void {
  const routes = routesOf(document);
  app.use((request: Request, response: Response, next: NextFunction) => {
    const route = routes.find((candidate) => candidate.path.test(request.path));
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (route === undefined || route.allowed.includes(method)) {
      next();
      return;
    }
    const problem: ProblemDetails = {
      type: 'about:blank',
      title: 'Method Not Allowed',
      status: 405,
      detail: `${request.method} is not allowed here; allowed: ${route.allowed.join(', ')}.`,
      instance: request.originalUrl,
      correlationId: correlationIdFor(request, response),
    };
    response.status(405).set('Allow', route.allowed.join(', ')).type(PROBLEM_CONTENT_TYPE);
    response.json(problem);
  });
}
