import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { PostCmdEnvironment } from '../config/post-cmd.environment';
import type { ModerationSettings as ProcessSettings } from './process/moderation-process';

/** The moderation process's settings, read once from the environment. */
@Injectable()
export class ModerationSettings {
  readonly process: ProcessSettings;
  readonly timerCheckMs: number;
  readonly timerLeaseMs: number;

  constructor(config: ConfigService<PostCmdEnvironment, true>) {
    this.process = {
      reportsToHide: config.get('MODERATION_REPORTS_TO_HIDE', { infer: true }),
      reviewMs: Math.round(config.get('MODERATION_REVIEW_HOURS', { infer: true }) * 3_600_000),
      defaultDecision: config.get('MODERATION_DEFAULT', { infer: true }),
    };
    this.timerCheckMs = config.get('MODERATION_TIMER_CHECK_MS', { infer: true });
    this.timerLeaseMs = config.get('MODERATION_TIMER_LEASE_MS', { infer: true });
  }
}
