import { RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

/**
 * JSON logs through pino, one line per event, with request ids on request logs. `LOG_LEVEL`
 * sets the level (tests run with `warn`).
 */
export const LoggingModule = LoggerModule.forRoot({
  pinoHttp: {
    level: process.env.LOG_LEVEL ?? 'info',
    redact: ['req.headers.authorization'],
  },
  // Nest 11's route syntax; nestjs-pino's default ('*') is the pre-11 one and logs a warning.
  forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
});
