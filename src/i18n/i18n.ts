/**
 * Message catalogues and the translator pages use. Every text a page shows comes from
 * `messages/<language>/<area>.json` (keys `<area>.…`, one file per part of the application); a test checks that Swedish and English have the same keys and that
 * templates contain no bare text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import { formatDayIn, formatNumberIn } from './format.ts';

export const languages = ['sv', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'sv';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export function loadCatalogue(language: Language): Record<string, unknown> {
  const folder = new URL(`./messages/${language}/`, import.meta.url);
  const catalogue: Record<string, unknown> = {};
  for (const file of readdirSync(folder).sort()) {
    if (!file.endsWith('.json')) continue;
    catalogue[file.slice(0, -5)] = JSON.parse(readFileSync(new URL(file, folder), 'utf8'));
  }
  return catalogue;
}

const instance = i18next.createInstance();
await instance.init({
  resources: Object.fromEntries(languages.map((l) => [l, { translation: loadCatalogue(l) }])),
  lng: defaultLanguage,
  fallbackLng: false,
  // Pages are escaped by JSX, so messages must not be escaped a second time.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/**
 * Unit formatters: `{{size, seats}}` writes the number with its noun in the right grammatical number
 * ("1 seat", "2 seats", "0.5 seats"; "1 plats", "2 platser"), from `units.<unit>_one/_other`. A message
 * where a number that may be 1 stands before a noun uses one of these (test/i18n.test.ts checks it).
 * The value may come already formatted for the page ("1 234", "0,5"); its plural is read from it.
 */
export const units = Object.keys(loadCatalogue(defaultLanguage).units as object)
  .filter((key) => key.endsWith('_one'))
  .map((key) => key.slice(0, -'_one'.length));
for (const unit of units) {
  instance.services.formatter?.add(unit, (value: unknown, lng: string | undefined) => {
    const count =
      typeof value === 'number'
        ? value
        : Number(
            String(value)
              .replace(/[\s\u00a0\u202f]/g, '')
              .replace(',', '.'),
          );
    const shown =
      typeof value === 'number' ? formatNumberIn(lng ?? defaultLanguage, value, 2) : String(value);
    return instance.getFixedT(lng ?? defaultLanguage)(`units.${unit}`, { count, value: shown });
  });
}

/**
 * `{{day, day}}`: a calendar date (YYYY-MM-DD) or an instant written as the day of a programme in the
 * reader's language ("Sat 24 Oct 2026", "lör 24 okt. 2026"), so a command can name a day in a refusal
 * without knowing who reads it.
 */
instance.services.formatter?.add('day', (value: unknown, lng: string | undefined) =>
  formatDayIn(lng ?? defaultLanguage, String(value)),
);

export type Translate = TFunction;

export function translator(language: Language): Translate {
  return instance.getFixedT(language);
}

/** Picks the language from a query parameter, the cookie, then the browser's Accept-Language. */
export function chooseLanguage(
  query: string | undefined,
  cookie: string | undefined,
  accept: string | undefined,
): Language {
  if (isLanguage(query)) return query;
  if (isLanguage(cookie)) return cookie;
  for (const part of (accept ?? '').split(',')) {
    const tag = part.split(';')[0].trim().slice(0, 2).toLowerCase();
    if (isLanguage(tag)) return tag;
  }
  return defaultLanguage;
}
