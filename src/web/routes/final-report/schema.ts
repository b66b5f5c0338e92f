/** The final report area's forms and addresses: the logo's description, a version's number and language. */
import { z } from 'zod';
import { languages } from '../../../i18n/i18n.ts';

/** The logo form's text; its image is checked by the command. */
export const logoSchema = z.object({
  description: z.string('required').trim().min(1, 'required').max(300, 'too_long'),
});

export const versionParams = z.object({
  number: z.coerce.number().int().min(1).max(1_000_000),
});

export const downloadParams = versionParams.extend({ language: z.enum(languages) });

/** The notices the page shows (`?notice=…`, text `final_report.notice_<name>`). */
export const finalReportNotices = ['generated', 'logo_saved', 'cancelled'] as const;
