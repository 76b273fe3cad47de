import type { Server } from 'node:http';
import type { INestApplication, Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { BEARER_SCHEME } from './access/access.decorators';
import { correlationIdFor } from './correlation';
import { requestValidationPipe } from './invalid-request.exception';
import { JsonBodyInterceptor } from './json-body.interceptor';
import type { DomainErrorMapper } from './problem-details';
import { ProblemDetailsFilter } from './problem-details.filter';
import { answerMalformedRequests } from './malformed-requests';
import { answerUndeclaredMethods } from './method-not-allowed';
import { completeContract } from './openapi-contract';
import { requireUtf8 } from './utf8-bodies';

export interface HttpServiceOptions {
  /** Name in logs and in the OpenAPI document. */
  readonly name: string;
  readonly description: string;
  readonly mapDomainError?: DomainErrorMapper;
}

/** Largest JSON body accepted; more is a 413 problem, before any handler runs. */
const BODY_LIMIT = '64kb';

export const API_PREFIX = 'api/v1';
/** Routes for operators and orchestrators, outside the versioned API. */
export const OPERATIONS_ROUTES = ['health/live', 'health/ready', 'metrics'] as const;
export const OPENAPI_PATH = 'api/docs';

/** Headers a browser client may send and read, when CORS is on. */
const CORS = {
  allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Correlation-Id'],
  exposedHeaders: ['ETag', 'Location', 'Retry-After', 'WWW-Authenticate', 'X-Correlation-Id'],
};

/**
 * The HTTP shell both services share: security headers (helmet), CORS only for the origins
 * configured, JSON bodies only, in UTF-8, with a size limit, `/api/v1` prefix, DTO validation,
 * problem+json errors, OpenAPI at `/api/docs` (JSON at `/api/docs-json`) with the bearer
 * scheme, graceful shutdown. Access checks and rate limits are HttpEdgeModule's guards.
 * Tests call it too, so they exercise the same pipeline as production.
 */
export function configureHttpService(
  app: NestExpressApplication,
  options: HttpServiceOptions,
): void {
  // First, so that every answer carries it, whichever layer below gives it.
  app.use((request: Request, response: Response, next: NextFunction) => {
    correlationIdFor(request, response);
    next();
  });
  // Served over plain HTTP locally: browsers must not upgrade Swagger UI's requests to HTTPS.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  const origins = app.get(ConfigService).get<string>('CORS_ORIGINS');
  if (origins) app.enableCors({ origin: origins.split(','), ...CORS });
  app.useBodyParser('json', { limit: BODY_LIMIT, verify: requireUtf8 });
  app.setGlobalPrefix(API_PREFIX, { exclude: [...OPERATIONS_ROUTES] });
  app.useGlobalInterceptors(new JsonBodyInterceptor());
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(options.mapDomainError));
  app.enableShutdownHooks();
  answerMalformedRequests(app.getHttpServer());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(options.name)
      .setDescription(options.description)
      .setVersion('1')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT whose subject is the acting user; admin routes need the admin role. Locally: ' +
            '`npm run token -- <username> [--admin]`.',
        },
        BEARER_SCHEME,
      )
      .addSecurityRequirements(BEARER_SCHEME)
      .build(),
    // Operation ids are the route methods' names (createPost, likePost ...): what links name.
    { operationIdFactory: (_, method) => method },
  );
  completeContract(document);
  answerUndeclaredMethods(app, document);
  SwaggerModule.setup(OPENAPI_PATH, app, document, {
    swaggerOptions: { persistAuthorization: true },
  });
}

/** Creates the app with pino logging; the app's root module must import LoggingModule. */
export async function createHttpService(
  module: Type<unknown>,
  options: HttpServiceOptions,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureHttpService(app, options);
  return app;
}

/**
 * Listens on the validated `HOST` and `PORT` of the app's configuration, with connections kept
 * alive for `HTTP_KEEP_ALIVE_TIMEOUT_MS`, and says where.
 */
export async function listen(app: INestApplication): Promise<void> {
  const config = app.get(ConfigService);
  const host = config.getOrThrow<string>('HOST');
  const port = config.getOrThrow<number>('PORT');
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = config.getOrThrow<number>('HTTP_KEEP_ALIVE_TIMEOUT_MS');
  // Above the keep-alive timeout: a connection kept open must not time out waiting for headers.
  server.headersTimeout = server.keepAliveTimeout + 1_000;
  server.requestTimeout = Math.max(server.requestTimeout, server.headersTimeout);
  await app.listen(port, host);
  const url = `http://${host}:${port}`;
  app.get(Logger).log(`listening on ${url}/${API_PREFIX}, OpenAPI at ${url}/${OPENAPI_PATH}`);
}
