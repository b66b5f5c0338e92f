/**
 * A typed text field in a form schema, within the limits every way into Lotta shares
 * (`domain/field-limits.ts`): too long or holding a control character, it is refused with the
 * message key the catalogues explain (`errors.too_long`, `errors.control_characters`).
 */
import { z } from 'zod';
import { fieldLimits, fieldProblem, type LimitedField } from '../domain/field-limits.ts';

export function limitedText(field: LimitedField) {
  return z
    .string()
    .trim()
    .max(fieldLimits[field], 'too_long')
    .refine((v) => fieldProblem(field, v) === null, 'control_characters')
    .default('');
}
