import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import type { Registry } from 'prom-client';
import { httpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsHttpController } from './metrics.http.controller';
import { METRICS_REGISTRY, newMetricsRegistry } from './metrics-registry';

/**
 * `/metrics` in Prometheus's text format: the service's own metrics, registered by its parts on
 * the injected METRICS_REGISTRY, with Node's process metrics and every HTTP request's duration.
 */
@Global()
@Module({})
export class MetricsModule implements NestModule {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  static forRoot(service: string): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsHttpController],
      providers: [{ provide: METRICS_REGISTRY, useFactory: () => newMetricsRegistry(service) }],
      exports: [METRICS_REGISTRY],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(httpMetricsMiddleware(this.registry)).forRoutes('{*path}');
  }
}
