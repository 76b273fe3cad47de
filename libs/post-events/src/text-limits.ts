/**
 * The longest texts an event may carry, in characters (Unicode code points, as PostgreSQL's
 * `varchar(n)` counts them). They belong to the contract, so every part holds the same ones:
 * post-cmd refuses longer input, the codec refuses longer events, and a read model's columns
 * must hold them (post-query's schema is checked against these by a test).
 */
export const MAX_USERNAME_LENGTH = 64;
export const MAX_MESSAGE_LENGTH = 2000;
export const MAX_COMMENT_LENGTH = 1000;
