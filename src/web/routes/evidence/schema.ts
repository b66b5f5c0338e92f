/** The evidence item's form: texts within their limits (the command checks the rules again). */
import { z } from 'zod';
import type { EvidenceInput } from '../../../domain/evidence.ts';
import { evidenceFieldLimits } from '../../../domain/field-limits.ts';

const text = (max: number) => z.string().trim().max(max, 'too_long').default('');

export const evidenceSchema = z
  .object({
    title: z.string('required').trim().min(1, 'required').max(evidenceFieldLimits.title, 'too_long'),
    summary: text(evidenceFieldLimits.summary),
    source: text(evidenceFieldLimits.source),
    published_on: text(10),
    perspective: text(evidenceFieldLimits.perspective),
    language: text(evidenceFieldLimits.language),
    easy_read: text(evidenceFieldLimits.easy_read),
    link: text(evidenceFieldLimits.link),
    remove_file: z.string().optional(),
  })
  .transform((f): { item: EvidenceInput; removeFile: boolean } => ({
    removeFile: f.remove_file === 'yes',
    item: {
      title: f.title,
      summary: f.summary,
      source: f.source,
      publishedOn: f.published_on,
      perspective: f.perspective,
      language: f.language,
      easyRead: f.easy_read,
      link: f.link,
    },
  }));

/** The notices the list shows after a change (`?notice=…`, text `evidence.notice_<name>`). */
export const evidenceNotices = ['created', 'saved', 'deleted'] as const;
