import {
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type ModuleMetadata,
  type NestModule,
  type Type,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { GracefulShutdown } from './graceful-shutdown';
import { HealthHttpController } from './health.http.controller';
import { READINESS, type Readiness } from './readiness';

export interface HealthOptions {
  /** The service's readiness checks, and the modules their dependencies come from. */
  readonly readiness: Type<Readiness>;
  readonly imports?: ModuleMetadata['imports'];
}

/**
 * `/health/live` and `/health/ready`, with the service's own readiness checks, and the first
 * step of a graceful shutdown (readiness red, then a drain).
 */
@Module({})
export class HealthModule implements NestModule {
  constructor(private readonly shutdown: GracefulShutdown) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.shutdown.middleware).forRoutes('{*path}');
  }

  static forRoot({ readiness, imports = [] }: HealthOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...imports],
      controllers: [HealthHttpController],
      providers: [{ provide: READINESS, useClass: readiness }, GracefulShutdown],
    };
  }
}
