import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ACCESS_OPTIONS,
  signServiceToken,
  type AccessOptions,
} from '@social-posts/service-runtime';
import type { PostQueryEnvironment } from '../config/post-query.environment';
import type { EventReplay, ReplayState } from '../projections/event-replay.port';

/** What post-cmd's `/admin/republish` answers (its RepublishProgressResponse). */
interface RepublishProgress {
  readonly jobId: string | null;
  readonly republishing: boolean;
}

const CALL_TIMEOUT_MS = 10_000;

/**
 * The republish a rebuild needs, asked of post-cmd over HTTP, as an admin named `post-query`:
 * the one call between the services (they still never import each other). A newer republish
 * replaces an older one on post-cmd; the job id tells the engine when that happened to its own.
 */
@Injectable()
export class PostCmdReplay implements EventReplay {
  private readonly url: string;
  private readonly tokenFile: string | undefined;

  constructor(
    config: ConfigService<PostQueryEnvironment, true>,
    @Inject(ACCESS_OPTIONS) private readonly access: AccessOptions,
  ) {
    this.url = `${config.get('POST_CMD_URL', { infer: true }).replace(/\/$/, '')}/api/v1/admin/republish`;
    this.tokenFile = config.get('POST_CMD_TOKEN_FILE', { infer: true });
  }

  async request(postId?: string): Promise<string> {
    const query = postId === undefined ? '' : `?postId=${encodeURIComponent(postId)}`;
    const { jobId } = await this.call('POST', query);
    if (jobId === null) throw new Error('post-cmd accepted a republish but named no job');
    return jobId;
  }

  async state(job: string): Promise<ReplayState> {
    const { jobId, republishing } = await this.call('GET', '');
    if (jobId !== job) return 'replaced';
    return republishing ? 'running' : 'done';
  }

  private async call(method: 'GET' | 'POST', query: string): Promise<RepublishProgress> {
    const response = await fetch(`${this.url}${query}`, {
      method,
      headers: { authorization: `Bearer ${this.token()}`, accept: 'application/json' },
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    if (!response.ok) {
      throw new Error(`post-cmd answered ${method} ${this.url} with ${response.status}`);
    }
    return (await response.json()) as RepublishProgress;
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
