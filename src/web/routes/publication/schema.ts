/**
 * The publication form as it is read: the licence from the offered ones, the funding amount in whole
 * kronor (spaces allowed, as people write "2 400 000"), the advisory board within its limit, and the
 * sections kept on the page (the checkboxes); the command checks the rest.
 */
import { z } from 'zod';
import type { PublicationInput } from '../../../commands/public-page.ts';
import {
  licenceKeys,
  type PublicSection,
  publicPageLimits,
  publicSections,
} from '../../../domain/public-page.ts';

const licence = z.enum(licenceKeys as [string, ...string[]], { message: 'required' });

export const publicationSchema = z
  .object({
    licence,
    funding_amount: z
      .string()
      .trim()
      .max(30, 'too_long')
      .default('')
      .transform((s) => s.replace(/[\s\u00a0]/g, ''))
      .refine((s) => s === '' || /^\d+$/.test(s), 'public_funding_invalid'),
    advisory_board: z.string().max(publicPageLimits.advisoryBoard, 'too_long').default(''),
    selection_method: z.string().max(publicPageLimits.selectionMethod, 'too_long').default(''),
    sections: z
      .array(z.string().max(40))
      .max(publicSections.length * 2)
      .default([]),
  })
  .transform(
    (f): PublicationInput => ({
      licence: f.licence as PublicationInput['licence'],
      fundingAmount: f.funding_amount === '' ? null : Number(f.funding_amount),
      advisoryBoard: f.advisory_board,
      selectionMethod: f.selection_method,
      hiddenSections: publicSections.filter((s: PublicSection) => !f.sections.includes(s)),
    }),
  );
