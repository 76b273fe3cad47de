export class PostNotFound extends Error {
  constructor(readonly postId: string) {
    super(`Post ${postId} is not in the read model.`);
    this.name = 'PostNotFound';
  }
}
