/** The fields of the import's steps: which upload, which column holds what, and the outcome shown. */
import { z } from 'zod';
import type { Question } from '../../../domain/questions.ts';
import { type ImportMapping, mappableFields } from '../../../domain/respondent-import.ts';
import { type FormValues, str } from '../../views/forms.tsx';

/** The staged upload a step continues; its id is checked against a strict pattern where it is used. */
export const stepSchema = z.object({ upload: z.string().max(64).default('') });

/** A chosen column; anything odd counts as "not in the file". */
const columnSchema = z.string().trim().max(300).catch('');

/** The counts the redirect after an import carries, to say what happened. */
export const doneSchema = z.object({
  added: z.coerce.number().int().min(0).optional().catch(undefined),
  unchanged: z.coerce.number().int().min(0).optional().catch(undefined),
});

/** The mapping the form chose: a column for the id, each contact field and each question. */
export function mappingFrom(values: FormValues, questions: Question[]): ImportMapping {
  const column = (name: string) => columnSchema.parse(str(values, name)) || null;
  const contact: ImportMapping['contact'] = {};
  for (const field of mappableFields) {
    const chosen = column(`contact_${field}`);
    if (chosen) contact[field] = chosen;
  }
  const answers: Record<string, string> = {};
  for (const q of questions) {
    const chosen = column(`answer_${q.key}`);
    if (chosen) answers[q.key] = chosen;
  }
  return { id: column('id_column'), contact, answers };
}

/** The mapping as form fields, to carry it from one step to the next. */
export function mappingFields(mapping: ImportMapping, questions: Question[]): [string, string][] {
  return [
    ['id_column', mapping.id ?? ''],
    ...mappableFields.map((f): [string, string] => [`contact_${f}`, mapping.contact[f] ?? '']),
    ...questions.map((q): [string, string] => [`answer_${q.key}`, mapping.answers[q.key] ?? '']),
  ];
}

/** Only the last part of the name the browser sent, without control characters. */
export function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(-200) || 'upload.csv';
}
