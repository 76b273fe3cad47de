import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Collection, OptionalUnlessRequiredId } from 'mongodb';
import { isDuplicateKey } from '../event-store/duplicate-key';
import { MongoConnection } from '../event-store/mongo-connection';
import type { ModerationCases } from './moderation-cases.port';
import type {
  CaseOutcome,
  ModerationCase,
  ModerationChange,
  PostModeration,
  RecordedReport,
} from './process/moderation-process';

interface ReportDocument extends RecordedReport {
  /** `<postId>:<version>`: a report is recorded once, however often its event is delivered. */
  readonly _id: string;
  readonly postId: string;
}

interface CaseDocument extends Omit<ModerationCase, 'caseId'> {
  readonly _id: string;
  /** Equality on it is what FerretDB pushes down to PostgreSQL: the open cases, by an index. */
  readonly open: boolean;
}

interface TimerClaimDocument {
  /** `<caseId>:<slot>`: the unique insert that lets one instance fire the timer in a period. */
  readonly _id: string;
  readonly caseId: string;
  readonly owner: string;
  readonly claimedAt: Date;
}

const insertOnce = async <T extends { _id: string }>(
  collection: Collection<T>,
  document: T,
): Promise<void> => {
  try {
    await collection.insertOne(document as OptionalUnlessRequiredId<T>);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
};

const toCase = ({ _id, open: _open, ...rest }: CaseDocument): ModerationCase => ({
  caseId: _id,
  ...rest,
});

/**
 * The moderation process's documents. A report and a case are inserted once, keyed by what
 * makes them unique. The only update is a case's closing, `open: false` with its outcome: every
 * writer of it writes what the same stored event says, so FerretDB's updates, which are not
 * atomic (docs/local-stack.md), cannot lose anything that matters. A timer is claimed by a
 * unique insert, never by reading a lease and writing it back.
 */
@Injectable()
export class MongoModerationCases implements ModerationCases, OnModuleInit {
  private readonly reports: Collection<ReportDocument>;
  private readonly cases: Collection<CaseDocument>;
  private readonly claims: Collection<TimerClaimDocument>;

  constructor(private readonly connection: MongoConnection) {
    this.reports = connection.db.collection('moderation_reports');
    this.cases = connection.db.collection('moderation_cases');
    this.claims = connection.db.collection('moderation_timer_claims');
  }

  onModuleInit(): Promise<void> {
    return this.connection.withoutAnswerBound(async (db) => {
      await db.collection('moderation_reports').createIndex({ postId: 1 }, { name: 'post' });
      await db.collection('moderation_cases').createIndex({ postId: 1 }, { name: 'post' });
      await db.collection('moderation_cases').createIndex({ open: 1 }, { name: 'open' });
      await db.collection('moderation_timer_claims').createIndex({ caseId: 1 }, { name: 'case' });
    });
  }

  async ofPost(postId: string): Promise<PostModeration> {
    const [reports, cases] = await Promise.all([
      this.reports.find({ postId }).toArray(),
      this.cases.find({ postId }).toArray(),
    ]);
    return {
      postId,
      reports: reports
        .map(({ version, reason, reportedAt }) => ({ version, reason, reportedAt }))
        .sort((a, b) => a.version - b.version),
      cases: cases.map(toCase).sort((a, b) => a.openedAt.localeCompare(b.openedAt)),
    };
  }

  async record(changes: readonly ModerationChange[]): Promise<CaseOutcome[]> {
    const closed: CaseOutcome[] = [];
    for (const change of changes) {
      switch (change.kind) {
        case 'reported': {
          const { postId, report } = change;
          await insertOnce(this.reports, { _id: `${postId}:${report.version}`, postId, ...report });
          break;
        }
        case 'opened': {
          const { caseId, ...rest } = change.case;
          await insertOnce(this.cases, { _id: caseId, ...rest, open: rest.outcome === null });
          break;
        }
        case 'closed':
          if (await this.close(change.caseId, change.outcome)) closed.push(change.outcome);
          break;
      }
    }
    return closed;
  }

  async open(): Promise<ModerationCase[]> {
    const open = await this.cases.find({ open: true }).toArray();
    return open.map(toCase).sort((a, b) => a.deadline.localeCompare(b.deadline));
  }

  async find(caseId: string): Promise<ModerationCase | null> {
    const found = await this.cases.findOne({ _id: caseId });
    return found === null ? null : toCase(found);
  }

  async claimTimer(caseId: string, slot: number, owner: string): Promise<boolean> {
    try {
      await this.claims.insertOne({
        _id: `${caseId}:${slot}`,
        caseId,
        owner,
        claimedAt: new Date(),
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /**
   * Closes the case (once: a closed case keeps its first outcome) and drops its timer's claims;
   * true if this call closed it.
   */
  private async close(caseId: string, outcome: CaseOutcome): Promise<boolean> {
    const { modifiedCount } = await this.cases.updateOne(
      { _id: caseId, open: true },
      { $set: { open: false, outcome } },
    );
    await this.claims.deleteMany({ caseId });
    return modifiedCount > 0;
  }
}
