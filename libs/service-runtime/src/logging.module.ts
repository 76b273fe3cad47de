import { RequestMethod } from '@nestjs/common';
import { activeTraceIds } from '@social-posts/tracing';
import { LoggerModule } from 'nestjs-pino';
import { correlationIdFor, correlationIdOf } from './correlation';

/**
 * JSON logs through pino, one line per event. Every line written while serving a request
 * carries its `correlationId` (the caller's `X-Correlation-Id`, or a new one), and, when tracing
 * is on, the `traceId` and `spanId` it was written in. `LOG_LEVEL` sets the level (tests run
 * with `warn`).
 */
export const LoggingModule = LoggerModule.forRoot({
  pinoHttp: {
    level: process.env.LOG_LEVEL ?? 'info',
    redact: ['req.headers.authorization'],
    genReqId: correlationIdFor,
    customProps: (request) => ({ correlationId: correlationIdOf(request) }),
    mixin: () => activeTraceIds() ?? {},
  },
  // Nest 11's route syntax; nestjs-pino's default ('*') is the pre-11 one and logs a warning.
  forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
});
