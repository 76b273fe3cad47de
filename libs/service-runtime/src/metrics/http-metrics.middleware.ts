import type { NextFunction, Request, Response } from 'express';
import { Histogram, type Registry } from 'prom-client';

/**
 * Times every HTTP request by method, route pattern and status. The route is Express's pattern
 * (`/api/v1/posts/:id`), never the path itself, so the label set stays bounded; a request no
 * route matched is `unmatched`.
 */
export function httpMetricsMiddleware(registry: Registry) {
  const duration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (request: Request, response: Response, next: NextFunction): void => {
    const end = duration.startTimer();
    response.once('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path;
      end({
        method: request.method,
        route: route === undefined ? 'unmatched' : `${request.baseUrl}${route}`,
        status_code: String(response.statusCode),
      });
    });
    next();
  };
}
