/** What the member's addresses may carry. */
import { z } from 'zod';

/** Personal-link tokens are 32 base64url characters; anything far longer is not worth a look-up. */
export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,200}$/);

/** The one notice the page shows after a redirect; any other value shows none. */
export const memberNoticeSchema = z
  .enum(['withdrawn', 'asked', 'answered', 'publish_name'])
  .optional()
  .catch(undefined);
