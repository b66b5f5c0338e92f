/**
 * The assembly area's forms: the assembly's description with its privacy notice settings, the phase
 * switch and the team form, as zod schemas whose messages are keys under `errors.`; and how the
 * description form's fields map to the command's fields and back.
 */
import { z } from 'zod';
import type { AssemblyFields } from '../../../commands/assemblies.ts';
import { isCalendarDate } from '../../../domain/dates.ts';
import { isEmailAddress } from '../../../domain/email-address.ts';
import {
  assemblyFieldLimits as assemblyLimits,
  fieldLimits,
  hasControlCharacters,
} from '../../../domain/field-limits.ts';
import { phases } from '../../../domain/phases.ts';
import {
  type PrivacySettings,
  type PrivacyTextField,
  privacyLimits,
  privacyTextFields,
} from '../../../domain/privacy-notice.ts';
import { staffRoles } from '../../../domain/roles.ts';
import { languages } from '../../../i18n/i18n.ts';
import type { Assembly } from '../../../repositories/assemblies.ts';
import type { FormValues } from '../../views/forms.tsx';

/** Filled into the description form's messages (the panel size's range). */
export const assemblyMessageParams = { min: assemblyLimits.panelMin, max: assemblyLimits.panelMax };

/** The notices the assembly pages are sent back with after a change. */
export const assemblyNotices = ['created', 'saved'] as const;

export const privacyTextName = (field: PrivacyTextField, language: string) => `privacy_${field}_${language}`;

/** A privacy setting: shown on public pages, so no control characters (line breaks where it has lines). */
const privacyText = (max: number, lines = false) =>
  z
    .string()
    .trim()
    .max(max, 'too_long')
    .refine((v) => !hasControlCharacters(v, lines), 'control_characters')
    .default('');

/** The privacy notice's fields on the assembly form; empty ones mean "use the standard text". */
const privacySchema = z.object({
  privacy_controller: privacyText(privacyLimits.controller),
  privacy_email: privacyText(privacyLimits.email).refine(
    (v) => v === '' || isEmailAddress(v),
    'email_invalid',
  ),
  privacy_phone: privacyText(privacyLimits.phone),
  privacy_address: privacyText(privacyLimits.address, true),
  ...Object.fromEntries(
    privacyTextFields.flatMap((field) =>
      languages.map((language) => [privacyTextName(field, language), privacyText(privacyLimits.text, true)]),
    ),
  ),
});

const isoDate = z.union([z.literal(''), z.string().refine(isCalendarDate, 'date_invalid')]);

/** Text of an assembly's description: no control characters, which PostgreSQL may not even store. */
const text = (max: number, lines = false) =>
  z
    .string()
    .trim()
    .max(max, 'too_long')
    .refine((v) => !hasControlCharacters(v, lines), 'control_characters');

export const assemblySchema = z
  .object({
    title_sv: text(assemblyLimits.title).pipe(z.string().min(1, 'required')),
    title_en: text(assemblyLimits.title).default(''),
    remit_sv: text(assemblyLimits.remit, true).pipe(z.string().min(1, 'required')),
    remit_en: text(assemblyLimits.remit, true).default(''),
    commissioner: text(assemblyLimits.name).default(''),
    funding_source: text(assemblyLimits.name).default(''),
    coordinator: text(assemblyLimits.name).default(''),
    panel_size: z.coerce
      .number('number_invalid')
      .int('number_invalid')
      .min(assemblyLimits.panelMin, 'number_range')
      .max(assemblyLimits.panelMax, 'number_range'),
    languages: z.array(z.enum(languages)).min(1, 'required'),
    starts_on: isoDate.default(''),
    ends_on: isoDate.default(''),
  })
  .extend(privacySchema.shape);

/** The description form's fields that hold several values. */
export const assemblyLists = ['languages'] as const;

/** The phase switch on the overview; anything else leaves the phase as it is. */
export const phaseSchema = z.object({
  phase: z.enum(phases),
  registration_open: z.enum(['0', '1']).default('0'),
});

export const teamSchema = z.object({
  email: z.string().trim().max(fieldLimits.email, 'too_long').email('email_invalid'),
  role: z.enum(staffRoles, 'invalid_role'),
});

/** A new assembly's form before anything is typed. */
export const newAssemblyValues: FormValues = { languages: ['sv', 'en'], panel_size: '60' };

function privacyOf(v: Record<string, unknown>): PrivacySettings {
  const text = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : '');
  return {
    controller: text('privacy_controller'),
    email: text('privacy_email'),
    phone: text('privacy_phone'),
    address: text('privacy_address'),
    texts: Object.fromEntries(
      privacyTextFields.map((field) => [
        field,
        Object.fromEntries(
          languages
            .map((language) => [language, text(privacyTextName(field, language))])
            .filter(([, value]) => value !== ''),
        ),
      ]),
    ) as Record<PrivacyTextField, Record<string, string>>,
  };
}

/** The parsed form as the command takes it. */
export function assemblyFields(v: z.infer<typeof assemblySchema>): AssemblyFields {
  return {
    title: { sv: v.title_sv, ...(v.title_en ? { en: v.title_en } : {}) },
    remit: { sv: v.remit_sv, ...(v.remit_en ? { en: v.remit_en } : {}) },
    commissioner: v.commissioner,
    fundingSource: v.funding_source,
    coordinator: v.coordinator,
    panelSize: v.panel_size,
    languages: v.languages,
    startsOn: v.starts_on || null,
    endsOn: v.ends_on || null,
    privacy: privacyOf(v),
  };
}

function privacyValues(p: PrivacySettings): FormValues {
  const values: FormValues = {
    privacy_controller: p.controller,
    privacy_email: p.email,
    privacy_phone: p.phone,
    privacy_address: p.address,
  };
  for (const field of privacyTextFields) {
    for (const language of languages)
      values[privacyTextName(field, language)] = p.texts[field][language] ?? '';
  }
  return values;
}

/** A stored assembly as the values of its form. */
export function assemblyValues(a: Assembly): FormValues {
  return {
    title_sv: a.title.sv ?? '',
    title_en: a.title.en ?? '',
    remit_sv: a.remit.sv ?? '',
    remit_en: a.remit.en ?? '',
    commissioner: a.commissioner,
    funding_source: a.funding_source,
    coordinator: a.coordinator,
    panel_size: String(a.panel_size),
    languages: a.languages,
    starts_on: a.starts_on ?? '',
    ends_on: a.ends_on ?? '',
    ...privacyValues(a.privacy),
  };
}
