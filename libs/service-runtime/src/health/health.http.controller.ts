import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../access/access.decorators';
import { ProblemException, problemType } from '../problem-details';
import { GracefulShutdown } from './graceful-shutdown';
import { HealthReport } from './health-report.response';
import { READINESS, type Readiness } from './readiness';

/**
 * Liveness and readiness, for an orchestrator or a load balancer, outside `/api/v1`. Live: the
 * process serves HTTP (restart it otherwise). Ready: every dependency answers now (send it
 * traffic); it turns 503 within a check's bound when one goes away, and back when it returns.
 */
@ApiTags('operations')
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(READINESS) private readonly readiness: Readiness,
    private readonly shutdown: GracefulShutdown,
  ) {}

  @Get('live')
  @Public()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Whether the process is alive: 200 while it serves HTTP.' })
  @ApiOkResponse({ type: HealthReport })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @Public()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Whether the service is ready for traffic: 200 when every dependency answers.',
  })
  @ApiOkResponse({ type: HealthReport })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => ({ shutdown: { status: this.shutdown.draining ? 'down' : 'up' } }),
        ...this.readiness.checks,
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // A 503 problem+json like every other, with terminus's report of each dependency.
      const report = error.getResponse() as HealthCheckResult;
      const down = Object.keys(report.error ?? {});
      throw new ProblemException({
        type: problemType('not-ready'),
        status: 503,
        detail: `Not ready: ${down.join(', ') || 'a dependency'} down.`,
        checks: report.details,
      });
    }
  }
}
