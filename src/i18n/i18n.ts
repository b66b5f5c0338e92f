/**
 * Message catalogues and the translator pages use. Every text a page shows comes from
 * `messages/<language>/<area>.json` (keys `<area>.…`, one file per part of the application); a test checks that Swedish and English have the same keys and that
 * templates contain no bare text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';

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
