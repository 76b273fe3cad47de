import { Injectable } from '@nestjs/common';
import type { EventReplay, ReplayState } from '../projections/event-replay.port';
import { PostCmdClient } from './post-cmd-client';

/** What post-cmd's `/admin/republish` answers (its RepublishProgressResponse). */
interface RepublishProgress {
  readonly jobId: string | null;
  readonly republishing: boolean;
}

/**
 * The republish a rebuild needs, asked of post-cmd. A newer republish replaces an older one on
 * post-cmd; the job id tells the engine when that happened to its own.
 */
@Injectable()
export class PostCmdReplay implements EventReplay {
  constructor(private readonly postCmd: PostCmdClient) {}

  async request(postId?: string): Promise<string> {
    const query = postId === undefined ? '' : `?postId=${encodeURIComponent(postId)}`;
    const { jobId } = await this.postCmd.call<RepublishProgress>('POST', `/republish${query}`);
    if (jobId === null) throw new Error('post-cmd accepted a republish but named no job');
    return jobId;
  }

  async state(job: string): Promise<ReplayState> {
    const { jobId, republishing } = await this.postCmd.call<RepublishProgress>('GET', '/republish');
    if (jobId !== job) return 'replaced';
    return republishing ? 'running' : 'done';
  }
}
