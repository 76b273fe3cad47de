import { Injectable } from '@nestjs/common';
import { Turns } from '@social-posts/service-runtime';

/**
 * Whose turn it is to publish, in this process: the relay's passes and a republish take turns
 * (a republish holds its turn to the end), so that while a post's stored events are published
 * again, its new events wait, and reach the bus after them.
 */
@Injectable()
export class PublishingTurns extends Turns {}
