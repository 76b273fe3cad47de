import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { EventStoreUnavailable, VersionConflict } from '@social-posts/event-sourcing';
import { METRICS_REGISTRY } from '@social-posts/service-runtime';
import { Counter, type Registry } from 'prom-client';
import { tap, type Observable } from 'rxjs';
import { PostRuleViolation } from '../domain/post.errors';

/** What became of a command: the label values of `post_commands_total`. */
export type CommandOutcome =
  'accepted' | 'rejected_by_rule' | 'conflict' | 'invalid' | 'unavailable' | 'failed';

function outcomeOf(error: unknown): CommandOutcome {
  if (error instanceof PostRuleViolation) return 'rejected_by_rule';
  if (error instanceof VersionConflict) return 'conflict';
  if (error instanceof EventStoreUnavailable) return 'unavailable';
  const status = (error as { getStatus?: () => number }).getStatus?.();
  return status !== undefined && status < 500 ? 'invalid' : 'failed';
}

/** Commands by type and outcome, and version conflicts by how they ended. */
@Injectable()
export class CommandMetrics {
  private readonly commands: Counter<'command' | 'outcome'>;
  private readonly conflicts: Counter<'resolution'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.commands = new Counter({
      name: 'post_commands_total',
      help: 'Commands answered, by command (its operation id) and outcome.',
      labelNames: ['command', 'outcome'],
      registers: [registry],
    });
    this.conflicts = new Counter({
      name: 'post_command_version_conflicts_total',
      help: 'Appends that lost a race for a version: retried (decided again) or lost (a 409).',
      labelNames: ['resolution'],
      registers: [registry],
    });
  }

  answered(command: string, error?: unknown): void {
    this.commands.inc({ command, outcome: error === undefined ? 'accepted' : outcomeOf(error) });
  }

  conflict(resolution: 'retried' | 'lost'): void {
    this.conflicts.inc({ resolution });
  }
}

/** Counts each command route's answers; ApiCommand puts it on every command. */
@Injectable()
export class CommandMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: CommandMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const command = context.getHandler().name;
    return next.handle().pipe(
      tap({
        next: () => this.metrics.answered(command),
        error: (error: unknown) => this.metrics.answered(command, error),
      }),
    );
  }
}
