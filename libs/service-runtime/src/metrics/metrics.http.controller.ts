import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Registry } from 'prom-client';
import { Public } from '../access/access.decorators';
import { METRICS_REGISTRY } from './metrics-registry';

/** Prometheus's scrape target, outside `/api/v1` and the API's OpenAPI document. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsHttpController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
