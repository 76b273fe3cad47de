import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Collection } from 'mongodb';
import { isDuplicateKey } from '../event-store/duplicate-key';
import { MongoConnection } from '../event-store/mongo-connection';
import {
  notStarted,
  type RepublishJob,
  type RepublishProgress,
  type RepublishState,
} from './republish-job';

interface JobDocument {
  readonly _id: string;
  readonly number: number;
  readonly aggregateId: string | null;
  readonly requestedAt: Date;
}

interface ProgressDocument extends RepublishProgress {
  /** `<jobId>:<step>`: each step of a job is saved once, by whoever saves it first. */
  readonly _id: string;
  readonly jobId: string;
}

/**
 * Republish requests and their progress, with inserts only: FerretDB's updates are not atomic
 * (docs/local-stack.md), so nothing here reads a document and writes it back. A request is a
 * new job with the next number (a unique index settles two requests at once); progress is a
 * new document per step, keyed by job and step, so that a job's progress can never overwrite
 * another's, and a step that two runners reach is saved by one of them only.
 */
@Injectable()
export class MongoRepublishJobs implements OnModuleInit {
  private readonly jobs: Collection<JobDocument>;
  private readonly progress: Collection<ProgressDocument>;

  constructor(private readonly connection: MongoConnection) {
    this.jobs = connection.db.collection<JobDocument>('republish_requests');
    this.progress = connection.db.collection<ProgressDocument>('republish_progress');
  }

  onModuleInit(): Promise<void> {
    return this.connection.withoutAnswerBound(async (db) => {
      await db
        .collection<JobDocument>('republish_requests')
        .createIndex({ number: 1 }, { name: 'number', unique: true });
      await db
        .collection<ProgressDocument>('republish_progress')
        .createIndex({ jobId: 1, step: 1 }, { name: 'job_step' });
    });
  }

  /** A new job, newer than every other: the next number, taken by one request only. */
  async request(aggregateId: string | null): Promise<RepublishState> {
    for (;;) {
      const job: RepublishJob = {
        id: randomUUID(),
        number: ((await this.newestJob())?.number ?? 0) + 1,
        aggregateId,
        requestedAt: new Date(),
      };
      try {
        const { id, ...document } = job;
        await this.jobs.insertOne({ _id: id, ...document });
      } catch (error) {
        if (isDuplicateKey(error)) continue;
        throw error;
      }
      return { job, progress: notStarted(job) };
    }
  }

  /** The newest job and its latest progress; null if none was ever requested. */
  async newest(): Promise<RepublishState | null> {
    const job = await this.newestJob();
    if (job === null) return null;
    const [latest] = await this.progress
      .find({ jobId: job.id })
      .sort({ step: -1 })
      .limit(1)
      .toArray();
    if (latest === undefined) return { job, progress: notStarted(job) };
    const { _id, jobId: _jobId, ...progress } = latest;
    return { job, progress };
  }

  /**
   * Saves `progress` as a step of `job`. False, with nothing saved, when a newer job has been
   * requested (the older run stops) or that step is saved already (another runner has it).
   */
  async advance(job: RepublishJob, progress: RepublishProgress): Promise<boolean> {
    if ((await this.newestJob())?.number !== job.number) return false;
    try {
      await this.progress.insertOne({
        _id: `${job.id}:${progress.step}`,
        jobId: job.id,
        ...progress,
      });
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    await this.progress.deleteMany({ jobId: job.id, step: { $lt: progress.step } });
    return true;
  }

  private async newestJob(): Promise<RepublishJob | null> {
    const [newest] = await this.jobs.find({}).sort({ number: -1 }).limit(1).toArray();
    if (newest === undefined) return null;
    const { _id, ...job } = newest;
    return { id: _id, ...job };
  }
}
