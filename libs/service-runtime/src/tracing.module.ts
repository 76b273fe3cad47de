import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { stopTracing } from '@social-posts/tracing';

@Injectable()
class TracingShutdown implements OnApplicationShutdown {
  /** Last of the shutdown hooks: the spans of the requests and batches just finished go out. */
  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}

/** Flushes and stops tracing (if it was started) when the service shuts down. */
@Module({ providers: [TracingShutdown] })
export class TracingModule {}
