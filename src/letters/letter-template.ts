/**
 * The mail merge of invitation letters: the organiser writes a letter (address block, subject, body,
 * signature) with `{{column}}` placeholders naming columns of the register extract, and each letter
 * fills them from its recipient's register row. Pure: no files, no clock.
 */
import type { Language } from '../i18n/i18n.ts';

export interface LetterTemplate {
  subject: string;
  /** The recipient's address block, one line per line; lines that come out empty are left out. */
  address: string;
  body: string;
  signature: string;
}

export const templateParts = ['subject', 'address', 'body', 'signature'] as const;
export type TemplatePart = (typeof templateParts)[number];

/** Longest text of each part: a letter is one printed page. */
export const templateLimits: Record<TemplatePart, number> = {
  subject: 200,
  address: 600,
  body: 3000,
  signature: 600,
};

/** Placeholders every letter has besides the register's columns (also the print-house CSV's names). */
export const codePlaceholder = 'invite_code';
export const urlPlaceholder = 'registration_url';

export class LetterTemplateError extends Error {
  constructor(
    readonly part: TemplatePart,
    /** `unknown`: no such column; `unclosed`: `{{` without `}}`. */
    readonly kind: 'unknown' | 'unclosed',
    readonly placeholder: string,
    readonly language?: Language,
  ) {
    super(
      kind === 'unknown'
        ? `The placeholder {{${placeholder}}} in the ${part} is not a column of the register.`
        : `A placeholder in the ${part} starts with {{ but does not end with }}: "${placeholder}".`,
    );
    this.name = 'LetterTemplateError';
  }
}

const placeholderPattern = /\{\{([^{}]*)\}\}/g;

/** The placeholder names in a text, in order, as written (trimmed). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(placeholderPattern)].map((m) => m[1].trim());
}

/** Resolves placeholder names to columns: exact, else the one column equal when case is ignored. */
export function placeholderResolver(columns: readonly string[]): (name: string) => string | null {
  const special = new Set([codePlaceholder, urlPlaceholder]);
  const exact = new Set(columns);
  const folded = new Map<string, string | null>();
  for (const column of columns) {
    const key = column.toLowerCase();
    folded.set(key, folded.has(key) ? null : column);
  }
  return (name) => {
    if (special.has(name)) return name;
    if (exact.has(name)) return name;
    return folded.get(name.toLowerCase()) ?? null;
  };
}

/** Every problem of a template against the register's columns, in the order of the parts. */
export function templateProblems(
  template: LetterTemplate,
  columns: readonly string[],
  language?: Language,
): LetterTemplateError[] {
  const resolve = placeholderResolver(columns);
  const problems: LetterTemplateError[] = [];
  for (const part of templateParts) {
    const text = template[part];
    for (const name of placeholdersIn(text)) {
      if (!resolve(name)) problems.push(new LetterTemplateError(part, 'unknown', name, language));
    }
    const unclosed = /\{\{(?![^{}]*\}\})[^\n]{0,30}/.exec(text);
    if (unclosed) problems.push(new LetterTemplateError(part, 'unclosed', unclosed[0], language));
  }
  return problems;
}

/** Throws the first problem, if any. */
export function checkTemplate(
  template: LetterTemplate,
  columns: readonly string[],
  language?: Language,
): void {
  const [first] = templateProblems(template, columns, language);
  if (first) throw first;
}

/** Where the letter's QR code and link lead: the registration page with the code filled in. */
export function registrationUrl(base: string, code: string): string {
  return `${registrationPage(base)}?code=${encodeURIComponent(code)}`;
}

/** The registration page itself, printed for people who type the address and the code by hand. */
export function registrationPage(base: string): string {
  return `${base.replace(/\/+$/, '')}/register`;
}

export interface MergedLetter {
  language: Language;
  addressLines: string[];
  subject: string;
  body: string;
  signature: string;
  code: string;
  url: string;
}

/** One recipient's letter with every placeholder filled in; the template must have been checked. */
export function mergeLetter(
  template: LetterTemplate,
  columns: readonly string[],
  recipient: { fields: Record<string, string>; code: string; language: Language },
  registrationBase: string,
): MergedLetter {
  const resolve = placeholderResolver(columns);
  const url = registrationUrl(registrationBase, recipient.code);
  const fill = (part: TemplatePart) =>
    template[part].replace(placeholderPattern, (_, raw: string) => {
      const name = resolve(raw.trim());
      if (name === null) throw new LetterTemplateError(part, 'unknown', raw.trim(), recipient.language);
      if (name === codePlaceholder) return recipient.code;
      if (name === urlPlaceholder) return url;
      return (recipient.fields[name] ?? '').trim();
    });
  return {
    language: recipient.language,
    addressLines: fill('address')
      .split(/\r?\n/)
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter(Boolean),
    subject: fill('subject').trim(),
    body: fill('body').replace(/\r\n/g, '\n').trim(),
    signature: fill('signature').replace(/\r\n/g, '\n').trim(),
    code: recipient.code,
    url,
  };
}

const columnGuesses: Record<'name' | 'first' | 'last' | 'careOf' | 'street' | 'postcode' | 'town', RegExp> = {
  name: /^(namn|name|full[ _]?name|fullständigt[ _]namn|fullt[ _]namn)$/i,
  first: /^(förnamn|fornamn|tilltalsnamn|first[ _]?name|given[ _]?name)$/i,
  last: /^(efternamn|last[ _]?name|family[ _]?name|surname)$/i,
  careOf: /^(c\/o|co|care[ _]?of|c_o)$/i,
  street: /^(adress|address|gatuadress|utdelningsadress|street|street[ _]?address|address[ _]?1)$/i,
  postcode: /^(postnummer|postnr|post[ _]?code|postal[ _]?code|zip|zip[ _]?code)$/i,
  town: /^(postort|ort|city|town|post[ _]?town|kommun|municipality)$/i,
};

/**
 * An address block guessed from the register's column names (Swedish and English names as in the
 * population register's extracts), so the first letters need no editing; empty when nothing fits.
 */
export function suggestAddress(columns: readonly string[]): string {
  const find = (key: keyof typeof columnGuesses) => columns.find((c) => columnGuesses[key].test(c.trim()));
  const placeholder = (column: string | undefined) => (column ? `{{${column}}}` : '');
  const name = find('name');
  const first = find('first');
  const last = find('last');
  const nameLine = name
    ? placeholder(name)
    : [placeholder(first), placeholder(last)].filter(Boolean).join(' ');
  const careOf = find('careOf');
  const town = columns.find((c) => /^(postort|ort|city|town|post[ _]?town)$/i.test(c.trim())) ?? find('town');
  const lines = [
    nameLine,
    careOf ? `c/o ${placeholder(careOf)}` : '',
    placeholder(find('street')),
    [placeholder(find('postcode')), placeholder(town)].filter(Boolean).join(' '),
  ];
  return lines.filter(Boolean).join('\n');
}

/** The letter's language from a register cell (`sv`, `svenska`, `English`, …), else the fallback. */
export function letterLanguage(value: string | undefined, fallback: Language): Language {
  const v = (value ?? '').trim().toLowerCase();
  if (/^(sv|swe)([-_].*)?$|^(svenska|swedish)$/.test(v)) return 'sv';
  if (/^(en|eng)([-_].*)?$|^(engelska|english)$/.test(v)) return 'en';
  return fallback;
}
