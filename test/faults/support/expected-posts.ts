/**
 * What the read model must show, computed only from the commands the suite sent and the answers
 * it got. A command answered 2xx is certain; one that got no answer, or a 5xx ("may not have
 * been stored"), may or may not have taken effect, and the checks accept either, but only once.
 */

/** A text that must be the last accepted one, or one sent after it whose answer was lost. */
export class ExpectedText {
  private maybeLater: string[] = [];

  constructor(private certain: string) {}

  accepted(text: string): void {
    this.certain = text;
    this.maybeLater = [];
  }

  maybe(text: string): void {
    this.maybeLater.push(text);
  }

  allows(text: string): boolean {
    return text === this.certain || this.maybeLater.includes(text);
  }
}

export type Removal = 'no' | 'maybe' | 'yes';

export interface ExpectedComment {
  /** Who added it, and so may edit and remove it. */
  readonly author: string;
  /** Known when the add was answered; a comment whose add went unanswered has none. */
  readonly commentId?: string;
  /** The text it was added with: how an unanswered add is recognised. */
  readonly addedText: string;
  readonly certain: boolean;
  readonly text: ExpectedText;
  removal: Removal;
}

export class ExpectedPost {
  readonly message: ExpectedText;
  readonly likes = new Set<string>();
  readonly maybeLikes = new Set<string>();
  readonly comments: ExpectedComment[] = [];

  constructor(
    readonly postId: string,
    readonly author: string,
    message: string,
  ) {
    this.message = new ExpectedText(message);
  }

  /** A comment that later commands may edit or remove: certainly there. */
  editableComment(step: number): ExpectedComment | undefined {
    const editable = this.comments.filter((comment) => comment.certain && comment.removal === 'no');
    return editable[step % Math.max(editable.length, 1)];
  }
}
