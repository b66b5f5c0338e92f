/** The administrator's form for a new staff account. */
import { z } from 'zod';
import { fieldLimits, hasControlCharacters } from '../../../domain/field-limits.ts';
import { languages } from '../../../i18n/i18n.ts';

export const newAccountSchema = z.object({
  display_name: z
    .string()
    .trim()
    .min(1, 'required')
    .max(fieldLimits.full_name, 'too_long')
    .refine((v) => !hasControlCharacters(v), 'control_characters'),
  email: z.string().trim().email('email_invalid').max(fieldLimits.email, 'too_long'),
  language: z.enum(languages).default('sv'),
  is_admin: z.literal('1').optional(),
});
