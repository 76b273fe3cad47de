import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { WorkLoop } from '@social-posts/service-runtime';
import type { PostQueryEnvironment } from '../config/post-query.environment';
import { PostChangeLog } from './post-change-log';

const TRIM_EVERY_MS = 60_000;

/**
 * Keeps the change log to LIVE_RETENTION_HOURS: older changes are deleted, every minute, by
 * every instance (deleting what another deleted changes nothing). A client asking to resume
 * from a position older than that gets `reset`.
 */
@Injectable()
export class ChangeLogRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChangeLogRetention.name);
  private readonly keptMs: number;
  private readonly loop = new WorkLoop(
    { activity: 'trimming the change log', logger: this.logger, idleMs: TRIM_EVERY_MS },
    async () => {
      await this.log.trim(new Date(Date.now() - this.keptMs));
      return false;
    },
  );

  constructor(
    private readonly log: PostChangeLog,
    config: ConfigService<PostQueryEnvironment, true>,
  ) {
    this.keptMs = config.get('LIVE_RETENTION_HOURS', { infer: true }) * 3_600_000;
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }
}
