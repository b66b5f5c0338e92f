/**
 * The sign-up's two forms as they are read. The rules a registration must meet (limits, the code,
 * answers, a name and a way to reach the person, consents) are the command's, checked once there
 * (commands/register-volunteer.ts); these schemas only read what was sent.
 */
import { z } from 'zod';
import type { Registration } from '../../../commands/register-volunteer.ts';
import { isAccessNeed } from '../../../domain/access-needs.ts';
import { consentKinds } from '../../../domain/consents.ts';
import { fieldLimits } from '../../../domain/field-limits.ts';
import { isLanguage, type Language } from '../../../i18n/i18n.ts';
import { type FormValues, str } from '../../views/forms.tsx';

/** The field people do not see; a bot filling in every field fills in this one too. */
export const honeypotField = 'website';

/** The longest code worth a look-up (a letter's code is eleven characters with its dash). */
const typedCode = z.string().trim().max(40, 'too_long').default('');

export const codeSchema = z.object({ code: typedCode });

/** The code a QR link carries, shortened rather than refused: it only fills in the field. */
export const linkedCodeSchema = z
  .string()
  .trim()
  .catch('')
  .transform((code) => code.slice(0, 40));

const text = z.string().trim().default('');

export const registrationSchema = z.object({
  code: typedCode,
  full_name: text,
  email: text,
  phone: text,
  address: text,
  postcode: text,
  city: text,
  preferred_language: z.string().max(fieldLimits.preferred_language).catch(''),
  needs: z
    .array(z.string().max(40))
    .max(50)
    .catch([])
    .transform((needs) => [...new Set(needs.filter(isAccessNeed))]),
  needs_details: text,
  // Sent empty by every browser; anything in it, however long, is a bot's doing.
  [honeypotField]: z.string().max(1000).default('').catch('filled'),
  form_time: z.string().max(100).catch(''),
});
export type RegistrationForm = z.output<typeof registrationSchema>;

/** The answers sent, by question key: each question is a group of radio buttons `answer_<key>`. */
function answersOf(values: FormValues): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (name.startsWith('answer_') && typeof value === 'string')
      answers[name.slice('answer_'.length)] = value;
  }
  return answers;
}

/** The language chosen on the form, or else the page's. */
export function chosenLanguage(form: RegistrationForm, pageLanguage: Language): Language {
  return isLanguage(form.preferred_language) ? form.preferred_language : pageLanguage;
}

/** The form as the command takes it. */
export function registrationOf(
  form: RegistrationForm,
  values: FormValues,
  assemblyId: string,
  language: Language,
): Registration {
  return {
    assemblyId,
    code: form.code,
    answers: answersOf(values),
    contact: {
      full_name: form.full_name,
      email: form.email || null,
      phone: form.phone || null,
      address: form.address || null,
      postcode: form.postcode || null,
      city: form.city || null,
      preferred_language: language,
    },
    needs: form.needs,
    needsDetails: form.needs_details || null,
    consents: consentKinds.filter((kind) => str(values, `consent_${kind}`) !== ''),
    reachable: true,
  };
}
