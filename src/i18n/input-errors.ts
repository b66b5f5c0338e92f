/**
 * A reader's error (an `InputError` from `src/io` or the register reader) in the reader's language.
 * Readers word their errors in English and add a stable code with the values a translation needs; the
 * catalogue area `reader` words the codes it knows. An error whose code has no message, or that lacks
 * a value the message needs, keeps the reader's English, so nothing is ever shown half-filled.
 */
import { RegisterError, type RegisterProblem } from '../invitations/register-reader.ts';
import type { InputError } from '../sortition/model.ts';
import { type Language, languages, type Translate, translator } from './i18n.ts';

export interface TranslatedInputError {
  text: string;
  /** False when the text is the reader's English, which a page should mark with `lang="en"`. */
  translated: boolean;
}

/** `stored`: a file kept under another path than the name it was uploaded with, shown by that name. */
export function translateInputError(
  t: Translate,
  error: InputError,
  stored?: { path: string; name: string },
): TranslatedInputError {
  const shown = (text: string) => (stored ? text.replaceAll(stored.path, stored.name) : text);
  const fallback = { text: shown(error.message), translated: false };
  if (error instanceof RegisterError) return translateRegisterError(t, error, shown) ?? fallback;
  if (error.params === undefined) return fallback;
  const key = `reader.${error.code.replaceAll('-', '_')}`;
  const message = t(key, error.params);
  if (message === key || message.includes('{{')) return fallback;
  const { row, column } = error.where;
  const file = error.where.file === undefined ? undefined : shown(error.where.file);
  if (file === undefined) return { text: message, translated: true };
  const place =
    row !== undefined && column !== undefined
      ? t('reader.at_line_column', { file, line: row, column })
      : row !== undefined
        ? t('reader.at_line', { file, line: row })
        : column !== undefined
          ? t('reader.at_column', { file, column })
          : t('reader.at_file', { file });
  return { text: `${place}: ${message}`, translated: true };
}

/** The broken rows of a register, each with its line (and column), or undefined if one has no message. */
function translateRegisterError(
  t: Translate,
  error: RegisterError,
  shown: (text: string) => string,
): TranslatedInputError | undefined {
  const lines = [t('reader.register_rows', { file: shown(error.file), count: error.total })];
  for (const problem of error.problems) {
    const text = rowProblemText(t, problem);
    if (text === undefined) return undefined;
    const place =
      problem.column === undefined
        ? t('reader.row_at_line', { line: problem.line })
        : t('reader.row_at_line_column', { line: problem.line, column: problem.column });
    lines.push(`  ${place}: ${text}`);
  }
  if (error.total > error.problems.length) {
    lines.push(`  ${t('reader.register_rows_more', { count: error.total - error.problems.length })}`);
  }
  return { text: lines.join('\n'), translated: true };
}

function rowProblemText(t: Translate, problem: RegisterProblem): string | undefined {
  const key = `reader.row.${problem.code}`;
  const message = t(key, problem.params ?? {});
  return message === key || message.includes('{{') ? undefined : message;
}

/**
 * An error of the selection engine (`src/sortition`: an empty pool, a value no quota mentions, …) in
 * the reader's language, from catalogue area `engine`; the engine's English when the code has none.
 */
export function translateEngineError(
  t: Translate,
  error: { code: string; message: string; params?: Record<string, string | number> },
): TranslatedInputError {
  const fallback = { text: error.message, translated: false };
  if (error.params === undefined) return fallback;
  const key = `engine.${error.code.replaceAll('-', '_')}`;
  const message = t(key, error.params);
  if (message === key || message.includes('{{')) return fallback;
  return { text: message, translated: true };
}

/**
 * The explanation in each language, made when the error happens: a background job's error is gone by
 * the time someone reads it, in whichever language they read. The reader names the file by its path
 * in the data folder; `file` gives the name people know it by.
 */
export function inputErrorInEachLanguage(
  error: InputError,
  file?: { path: string; name: string },
): Record<Language, TranslatedInputError> {
  return Object.fromEntries(
    languages.map((language) => [language, translateInputError(translator(language), error, file)]),
  ) as Record<Language, TranslatedInputError>;
}
