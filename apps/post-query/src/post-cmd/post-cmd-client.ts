import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ACCESS_OPTIONS,
  signServiceToken,
  type AccessOptions,
} from '@social-posts/service-runtime';
import type { PostQueryEnvironment } from '../config/post-query.environment';

const CALL_TIMEOUT_MS = 10_000;

/**
 * post-query's calls to post-cmd's admin routes, as an admin named `post-query`: the republish a
 * rebuild needs, and the keys that open the sealed events of the stream. The services still never
 * import each other; these calls and the topic are all they share.
 */
@Injectable()
export class PostCmdClient {
  private readonly url: string;
  private readonly tokenFile: string | undefined;

  constructor(
    config: ConfigService<PostQueryEnvironment, true>,
    @Inject(ACCESS_OPTIONS) private readonly access: AccessOptions,
  ) {
    this.url = `${config.get('POST_CMD_URL', { infer: true }).replace(/\/$/, '')}/api/v1/admin`;
    this.tokenFile = config.get('POST_CMD_TOKEN_FILE', { infer: true });
  }

  /** The JSON answer of `method path` (under /api/v1/admin); a failure or a non-2xx rejects. */
  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token()}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    if (!response.ok) {
      throw new Error(`post-cmd answered ${method} ${this.url}${path} with ${response.status}`);
    }
    return (await response.json()) as T;
  }

  private token(): string {
    if (this.tokenFile !== undefined) return readFileSync(this.tokenFile, 'utf8').trim();
    const signed = signServiceToken(this.access, 'post-query');
    if (signed === undefined) {
      throw new Error('no token for post-cmd: with an identity provider, set POST_CMD_TOKEN_FILE');
    }
    return signed;
  }
}
