import { shorten } from '../sortition/echo.ts';
import { InputError } from '../sortition/model.ts';

/** A place in an input file, as precise as the problem allows. */
export interface Location {
  file: string;
  /** 1-based line in the file (or row in the sheet), counting the header as line 1. */
  line?: number;
  /** Header name of the column, as written in the file. */
  column?: string;
}

/** `pool.csv, line 4, column "Gender"`: the prefix every reader message starts with. */
export function describeLocation(where: Location): string {
  let place = where.file;
  if (where.line !== undefined) place += `, line ${where.line}`;
  // A column is named by its header or, in JSON, by a key: both are the person's text, of any length.
  if (where.column !== undefined) place += `, column "${shorten(where.column)}"`;
  return place;
}

/**
 * Builds the error for a problem the person who supplied the file must fix. The message starts with
 * the place, so that it can be shown on its own; `code` stays stable so that interfaces can translate,
 * and `params` are what a translation (catalogue key `reader.<code>`) needs besides the place.
 */
export function inputError(
  where: Location,
  message: string,
  code: string,
  params: Record<string, string | number> = {},
): InputError {
  return new InputError(
    `${describeLocation(where)}: ${message}`,
    {
      file: where.file,
      row: where.line,
      column: where.column === undefined ? undefined : shorten(where.column),
    },
    code,
    params,
  );
}
