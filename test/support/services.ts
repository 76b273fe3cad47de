import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHttpService, type HttpServiceOptions } from '@social-posts/service-runtime';
import { releasePostCmdPort, takePostCmdPort } from './post-cmd-port';

export interface RunningService {
  readonly app: NestExpressApplication;
  /** Base URL of the API, e.g. http://127.0.0.1:41234/api/v1 */
  readonly api: string;
  close(): Promise<void>;
}

async function start(
  module: Type<unknown>,
  options: HttpServiceOptions,
  port?: number,
): Promise<RunningService> {
  const app = await createHttpService(module, options);
  await app.listen(port ?? 0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    api: `http://127.0.0.1:${address.port}/api/v1`,
    close: async () => {
      await app.close();
      if (port !== undefined) releasePostCmdPort(port);
    },
  };
}

/*
 * The services read their configuration when their modules are first imported, so they are
 * imported here, after the test has set its environment.
 */

/** post-cmd in this process, on a free port, configured from process.env. */
export async function startPostCmd(): Promise<RunningService> {
  const { AppModule } = await import('../../apps/post-cmd/src/app.module');
  const { POST_CMD_SERVICE } = await import('../../apps/post-cmd/src/post-cmd.service');
  return start(AppModule, POST_CMD_SERVICE, takePostCmdPort(process.env));
}

/** post-query in this process, on a free port, configured from process.env. */
export async function startPostQuery(): Promise<RunningService> {
  const { AppModule } = await import('../../apps/post-query/src/app.module');
  const { POST_QUERY_SERVICE } = await import('../../apps/post-query/src/post-query.service');
  return start(AppModule, POST_QUERY_SERVICE);
}
