import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { activeTraceIds } from '@social-posts/tracing';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { correlationIdFor, correlationIdOf } from './correlation';
import { logFormat, prettyPrinter } from './log-format';

/** Probes and scrapes come every few seconds from machines: counted in metrics, not logged. */
const isOperationsRequest = (request: IncomingMessage): boolean =>
  request.url !== undefined && /^\/(health\/|metrics(\?|$))/.test(request.url);

const options: Options = {
  level: process.env.LOG_LEVEL ?? 'info',
  genReqId: correlationIdFor,
  customProps: (request) => ({ correlationId: correlationIdOf(request) }),
  mixin: () => activeTraceIds() ?? {},
  autoLogging: { ignore: isOperationsRequest },
  serializers: {
    req: (request: IncomingMessage) => ({ method: request.method, url: request.url }),
    res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
  },
};

/**
 * Logs through pino: JSON lines, one per event, or readable lines on a terminal (LOG_FORMAT,
 * log-format.ts). Every line written while serving a request carries its `correlationId` (the
 * caller's `X-Correlation-Id`, or a new one), and, when tracing is on, the `traceId` and `spanId`
 * it was written in. `LOG_LEVEL` sets the level (tests run with `warn`). A request's line names
 * its method, URL and status, not every header: a line per request is paid for on every command.
 */
export const LoggingModule = LoggerModule.forRootAsync({
  useFactory: async () => ({
    pinoHttp: logFormat() === 'pretty' ? [options, await prettyPrinter()] : options,
    // Nest 11's route syntax; nestjs-pino's default ('*') is the pre-11 one and logs a warning.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  }),
});
