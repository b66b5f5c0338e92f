/**
 * Turning a respondents' spreadsheet into people: which column holds what (the mapping), and every
 * row checked before anything is written, so an import is all or nothing and each problem names its
 * row and column.
 */
import { createHash } from 'node:crypto';
import type { Table } from '../io/table.ts';
import { isEmailAddress } from './email-address.ts';
import { controlProblem, fieldLimits, fieldProblem, type LimitedField, previewOf } from './field-limits.ts';
import { matchOption, type Question } from './questions.ts';

export const contactFields = [
  'full_name',
  'email',
  'phone',
  'address',
  'postcode',
  'city',
  'preferred_language',
] as const;
export type ContactField = (typeof contactFields)[number];
/**
 * What a column can be mapped to: the contact fields, plus a family name for files that keep first
 * and last names apart (the two are joined into the full name).
 */
export const mappableFields = ['full_name', 'family_name', ...contactFields.slice(1)] as const;
export type MappableField = (typeof mappableFields)[number];

export interface ImportMapping {
  /** Column with each respondent's own id in the source; makes re-imports recognise rows. */
  id: string | null;
  contact: Partial<Record<MappableField, string>>;
  /** Question key → column. */
  answers: Record<string, string>;
}

export interface PlannedRow {
  line: number;
  externalKey: string;
  contact: Record<ContactField, string | null>;
  answers: Record<string, string>;
}

export interface RowProblem {
  line: number;
  column: string;
  /** Message key under `import.problem.*`. */
  code: string;
  /** The cell as it can be shown back: shortened, control characters made visible. */
  value: string;
  /** Fill the message: the limit and the cell's length, or where a control character is. */
  params?: Record<string, number>;
}

const headerHints: Record<MappableField | 'id', string[]> = {
  id: ['id', 'unique_id', 'respondent_id', 'personnummer_pseudonym', 'nationbuilder_id', 'löpnummer'],
  full_name: [
    'full_name',
    'name',
    'namn',
    'fullständigt namn',
    'full name',
    'first_name',
    'förnamn',
    'given_name',
    'first name',
  ],
  family_name: ['last_name', 'efternamn', 'surname', 'family_name', 'last name'],
  email: ['email', 'e-mail', 'e-post', 'epost', 'mail', 'primary_email'],
  phone: ['phone', 'telefon', 'mobil', 'mobile', 'tel', 'telephone', 'mobile_number'],
  address: ['address', 'adress', 'gatuadress', 'street', 'primary_address1'],
  postcode: ['postcode', 'postnummer', 'zip', 'postal_code', 'primary_zip'],
  city: ['city', 'ort', 'postort', 'stad', 'primary_city'],
  preferred_language: ['language', 'språk', 'preferred_language'],
};

function fold(s: string): string {
  return s.trim().toLocaleLowerCase('sv');
}

/** A first guess at the mapping from the header names; the organiser confirms or changes it. */
export function suggestMapping(headers: string[], questions: Question[]): ImportMapping {
  const find = (hints: string[]) => headers.find((h) => hints.includes(fold(h))) ?? null;
  const contact: ImportMapping['contact'] = {};
  for (const field of mappableFields) {
    // Hints are in order of preference: a full-name column beats a first-name column.
    const column = headerHints[field].map((hint) => headers.find((h) => fold(h) === hint)).find(Boolean);
    if (column) contact[field] = column;
  }
  const answers: Record<string, string> = {};
  for (const q of questions) {
    const column = find([q.key, ...Object.values(q.label).map(fold)]);
    if (column) answers[q.key] = column;
  }
  return { id: find(headerHints.id), contact, answers };
}

export function planImport(
  table: Table,
  mapping: ImportMapping,
  questions: Question[],
  assemblyId: string,
): { rows: PlannedRow[]; problems: RowProblem[] } {
  const index = (column: string | null | undefined) =>
    column ? table.headers.findIndex((h) => fold(h) === fold(column)) : -1;
  const problems: RowProblem[] = [];
  const missing = (column: string | null | undefined) => column && index(column) < 0;
  for (const column of [mapping.id, ...Object.values(mapping.contact), ...Object.values(mapping.answers)]) {
    if (missing(column)) problems.push({ line: 1, column: column!, code: 'column_missing', value: column! });
  }
  if (!mapping.contact.full_name) problems.push({ line: 1, column: '', code: 'name_unmapped', value: '' });
  if (problems.length > 0) return { rows: [], problems };

  const rows: PlannedRow[] = [];
  const seenIds = new Map<string, number>();
  // Each mapped column with the limits its cells must keep; answers are matched against the
  // options, so only the rule on control characters applies to them.
  const checked: [string, LimitedField | null][] = [
    ...(mapping.id ? [[mapping.id, 'external_id'] as [string, LimitedField]] : []),
    ...mappableFields.flatMap((f): [string, LimitedField][] => {
      const column = mapping.contact[f];
      return column ? [[column, f === 'family_name' ? 'full_name' : f]] : [];
    }),
    ...Object.values(mapping.answers).map((column): [string, null] => [column, null]),
  ];
  for (const row of table.rows) {
    const cell = (column: string | null | undefined) => {
      const i = index(column);
      return i >= 0 ? row.cells[i].trim() : '';
    };
    // Limits first: a cell that cannot be stored is reported as such, not as a wrong answer.
    const refused = new Set<string>();
    for (const [column, field] of checked) {
      const value = cell(column);
      const problem = field ? fieldProblem(field, value) : controlProblem(value);
      if (!problem || refused.has(column)) continue;
      refused.add(column);
      const { code, ...params } = problem;
      problems.push({ line: row.line, column, code, value: previewOf(value), params });
    }
    const contact = Object.fromEntries(
      contactFields.map((f) => [f, cell(mapping.contact[f]) || null]),
    ) as Record<ContactField, string | null>;
    const familyName = cell(mapping.contact.family_name);
    if (familyName) contact.full_name = [contact.full_name, familyName].filter(Boolean).join(' ');
    const joined = contact.full_name ?? '';
    const nameColumns = [mapping.contact.full_name, mapping.contact.family_name];
    if (joined.length > fieldLimits.full_name && !nameColumns.some((col) => col && refused.has(col))) {
      problems.push({
        line: row.line,
        column: mapping.contact.full_name!,
        code: 'too_long',
        value: previewOf(joined),
        params: { max: fieldLimits.full_name, length: joined.length },
      });
    }
    if (!contact.full_name) {
      problems.push({ line: row.line, column: mapping.contact.full_name!, code: 'name_empty', value: '' });
    }
    if (contact.email && !refused.has(mapping.contact.email!) && !isEmailAddress(contact.email)) {
      problems.push({
        line: row.line,
        column: mapping.contact.email!,
        code: 'email_invalid',
        value: previewOf(contact.email),
      });
    }
    const answers: Record<string, string> = {};
    for (const q of questions) {
      const column = mapping.answers[q.key];
      if (!column) continue;
      if (refused.has(column)) continue;
      const value = matchOption(q, cell(column));
      if (value === null)
        problems.push({ line: row.line, column, code: 'answer_unknown', value: previewOf(cell(column)) });
      else answers[q.key] = value;
    }
    let identity: string;
    if (mapping.id) {
      identity = cell(mapping.id);
      if (!identity) problems.push({ line: row.line, column: mapping.id, code: 'id_empty', value: '' });
      const earlier = seenIds.get(identity);
      if (identity && earlier !== undefined) {
        problems.push({
          line: row.line,
          column: mapping.id,
          code: 'id_duplicate',
          value: `${previewOf(identity)} (${earlier})`,
        });
      }
      seenIds.set(identity, row.line);
    } else {
      // Without an id column a respondent is recognised by their name and contact details.
      identity = JSON.stringify(
        [contact.full_name, contact.email, contact.phone, contact.postcode].map((v) => fold(v ?? '')),
      );
    }
    const externalKey = createHash('sha256').update(`${assemblyId}\n${identity}`).digest('hex');
    rows.push({ line: row.line, externalKey, contact, answers });
  }
  return { rows, problems };
}
