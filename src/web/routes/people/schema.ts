/** The people pages' query string and forms. */
import { z } from 'zod';
import { limitedText } from '../../limited-text.ts';

/** The list's filters; anything unreadable in the address falls back to no filter and the first page. */
export const listSchema = z.object({
  q: z.string().trim().max(200).catch(''),
  status: z.string().max(40).catch(''),
  answer: z.string().max(300).catch(''),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

/** A status change: the new status (the command checks it is a move the viewer may make) and why. */
export const statusSchema = z.object({
  status: z.string('required').trim().min(1, 'required').max(40, 'required'),
  comment: limitedText('comment'),
});

/** The notices a person's page shows after a change (`?done=…`, text `people.done_<name>`). */
export const personNotices = ['status', 'erased', 'consent'] as const;

/** Erasure is confirmed on its own page, which posts `confirm=yes`. */
export const eraseSchema = z.object({ confirm: z.literal('yes') });
