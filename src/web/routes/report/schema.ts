/**
 * The report's query string: `?language=` of a download is the file's language only (unlike
 * `?lang=`, it leaves the person's choice of interface language as it was); missing or unknown, the
 * file is in the page's language.
 */
import { z } from 'zod';
import { languages } from '../../../i18n/i18n.ts';

export const downloadQuery = z.object({ language: z.enum(languages).optional().catch(undefined) });
