import { shorten } from '../sortition/echo.ts';
import type { Person } from '../sortition/model.ts';
import { householdKeys } from './household.ts';
import { inputError } from './location.ts';
import { requireColumn, type Table } from './table.ts';

export interface PoolOptions {
  /** Header of the id column; when absent a column called id, unique_id or nationbuilder_id is used. */
  idColumn?: string;
  /** Feature names as the targets spell them; headers are matched case-insensitively. */
  features: string[];
  /** Address columns; people equal in all of them (loosely compared) form a household. */
  householdColumns?: string[];
}

export interface Pool {
  people: Person[];
}

/** Id headers used by the tools whose exports Lotta reads (a plain file, OpenDLP, NationBuilder). */
const idHeaders = ['id', 'unique_id', 'nationbuilder_id'];

/**
 * Turns a table of volunteers into the people selection sees: an id, the requested features and
 * a pseudonymous household key. Every other column (names, e-mails, phone numbers) stays behind.
 */
export function readPool(table: Table, options: PoolOptions): Pool {
  const { file } = table;
  const idIndex = idColumnIndex(table, options.idColumn);
  const featureColumns = options.features.map((feature) => ({
    feature,
    index: requireColumn(
      table,
      feature,
      `needed for the feature "${shorten(feature.trim())}"`,
      'Add the column to the pool, or fix the feature name so that both files spell it the same way.',
    ),
  }));
  const householdIndexes = (options.householdColumns ?? []).map((name) =>
    requireColumn(
      table,
      name,
      'given as a household column',
      'Fix the household column name or add the column.',
    ),
  );

  const lineOfId = new Map<string, number>();
  const people = table.rows.map((row, position): Person => {
    const id = idIndex === undefined ? String(position) : row.cells[idIndex];
    if (idIndex !== undefined && id === '') {
      throw inputError(
        { file, line: row.line, column: table.headers[idIndex] },
        'the id is empty; give every person an id, or remove the person.',
        'empty-id',
      );
    }
    const earlier = lineOfId.get(id);
    if (earlier !== undefined) {
      throw inputError(
        { file, line: row.line, column: idIndex === undefined ? undefined : table.headers[idIndex] },
        `the id "${shorten(id)}" is also on line ${earlier}; ids must be unique, so change one of them or remove the duplicate.`,
        'duplicate-id',
      );
    }
    lineOfId.set(id, row.line);
    const features: Record<string, string> = {};
    for (const { feature, index } of featureColumns) {
      const value = row.cells[index];
      if (value === '') {
        throw inputError(
          { file, line: row.line, column: table.headers[index] },
          `person "${shorten(id)}" has no value for "${shorten(table.headers[index])}"; fill it in or remove the person.`,
          'empty-value',
        );
      }
      features[feature] = value;
    }
    return { id, features };
  });

  if (householdIndexes.length > 0) {
    const keys = householdKeys(table.rows.map((row) => householdIndexes.map((index) => row.cells[index])));
    keys.forEach((key, i) => {
      if (key !== undefined) people[i].household = key;
    });
  }
  return { people };
}

/** Column holding the ids, or undefined when the rows are numbered instead (as in the Nature 2021 files). */
function idColumnIndex(table: Table, idColumn: string | undefined): number | undefined {
  if (idColumn !== undefined) {
    return requireColumn(
      table,
      idColumn,
      'given as the id column',
      'Fix the id column name or add the column.',
    );
  }
  const index = table.headers.findIndex((header) => idHeaders.includes(header.toLowerCase()));
  return index >= 0 ? index : undefined;
}
