import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { ParkedPostEntity } from './parked-post.entity';

/**
 * Whether a message key can be parked: PostgreSQL cannot hold a NUL, and a key with one is no
 * post's id, so its messages are dead-lettered without parking anything.
 */
export const isParkable = (postKey: string): boolean => !postKey.includes('\0');

/** The posts the consumer has parked, and how many of their messages it dead-lettered. */
@Injectable()
export class ParkedPosts {
  constructor(
    @InjectRepository(ParkedPostEntity) private readonly parked: Repository<ParkedPostEntity>,
  ) {}

  async among(keys: readonly string[]): Promise<Set<string>> {
    const parkable = keys.filter(isParkable);
    if (parkable.length === 0) return new Set();
    const rows = await this.parked.find({
      where: { postKey: In(parkable) },
      select: { postKey: true },
    });
    return new Set(rows.map((row) => row.postKey));
  }

  /** Parks the post (keeping the first reason) and counts its dead-lettered messages. */
  async record(postKey: string, reason: string, deadLettered: number): Promise<void> {
    await this.parked.query(
      `INSERT INTO parked_posts (post_key, reason, dead_lettered) VALUES ($1, $2, $3)
       ON CONFLICT (post_key) DO UPDATE
         SET dead_lettered = parked_posts.dead_lettered + EXCLUDED.dead_lettered`,
      [postKey, reason, deadLettered],
    );
  }

  count(): Promise<number> {
    return this.parked.count();
  }

  list(): Promise<ParkedPostEntity[]> {
    return this.parked.find({ order: { parkedAt: 'ASC' } });
  }

  /** Resolves to whether the post was parked. */
  async release(postKey: string): Promise<boolean> {
    if (!isParkable(postKey)) return false;
    const { affected } = await this.parked.delete({ postKey });
    return (affected ?? 0) > 0;
  }
}
