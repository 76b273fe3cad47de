import type { LinksObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/*
 * OpenAPI links: from the answer of a command that creates something to the operations that
 * use its id, so that a client generator or a stateful tester can chain create → like →
 * comment → edit comment. Operation ids are the route methods' names.
 */

const onThePost = (operationId: string) => ({
  operationId,
  parameters: { id: '$response.body#/postId' },
});

export const LINKS_FROM_A_NEW_POST: LinksObject = {
  EditMessage: onThePost('editPostMessage'),
  Like: onThePost('likePost'),
  Comment: onThePost('addComment'),
  Remove: onThePost('removePost'),
  Events: onThePost('getPostEvents'),
  State: onThePost('getPostState'),
};

const onTheComment = (operationId: string) => ({
  operationId,
  parameters: { id: '$request.path.id', commentId: '$response.body#/commentId' },
});

export const LINKS_FROM_A_NEW_COMMENT: LinksObject = {
  EditComment: onTheComment('editComment'),
  RemoveComment: onTheComment('removeComment'),
};
