/**
 * The selection file `lotta select` writes: the engine's result plus what `lotta commit` and
 * `lotta draw` need to commit to (LotterySelection in src/sortition/commitment.ts): the engine's name
 * and version, and the input exactly as the engine saw it.
 */
import type { LotterySelection } from './commitment.ts';
import type { Finding, Person, SelectionInput, SelectionResult, Targets } from './model.ts';

export const ENGINE_NAME = 'lotta';

/** A person as the selection file records them: no `row`, which says where they were in a local file. */
export type RecordedPerson = Omit<Person, 'row'>;

export interface SelectionFile extends Omit<SelectionResult, 'stats'> {
  engine: { name: string; version: string };
  input: { people: RecordedPerson[]; targets: Targets; panelSize: number; keep: string[] };
  /**
   * Facts about this run rather than about the selection. The seconds differ between two runs on the
   * same input, so they live here, where neither the commitment nor the transcript looks.
   */
  run: { stats: SelectionResult['stats'] };
}

/** Code of the warnings that come from reading the files (skipped lines, percentages not adding up). */
export const INPUT_FILE_WARNING = 'input-file';

/** A reader's warning (plain English text) as a Finding, so that the file lists all warnings in one place. */
export function fileWarning(message: string): Finding {
  return { category: '*', value: '*', code: INPUT_FILE_WARNING, message };
}

export function toSelectionFile(
  result: SelectionResult,
  input: SelectionInput,
  engineVersion: string,
  readerWarnings: readonly string[],
): SelectionFile {
  const { stats, ...selection } = result;
  return {
    status: selection.status,
    algorithm: selection.algorithm,
    engine: { name: ENGINE_NAME, version: engineVersion },
    diagnostics: selection.diagnostics,
    warnings: [...readerWarnings.map(fileWarning), ...selection.warnings],
    ...(selection.relaxation === undefined ? {} : { relaxation: selection.relaxation }),
    ...(selection.deviation === undefined ? {} : { deviation: selection.deviation }),
    excluded: selection.excluded,
    probabilities: selection.probabilities,
    panels: selection.panels,
    ...(selection.lottery === undefined ? {} : { lottery: selection.lottery }),
    input: {
      people: input.people.map((person) => ({
        id: person.id,
        features: person.features,
        ...(person.household === undefined ? {} : { household: person.household }),
      })),
      targets: input.targets,
      panelSize: input.panelSize,
      keep: [...(input.keep ?? [])],
    },
    run: { stats },
  };
}

/** The file as `lotta commit` and `lotta draw` read it, when it holds a lottery. */
export function asLotterySelection(file: SelectionFile): LotterySelection | undefined {
  if (file.status !== 'ok' || file.lottery === undefined) return undefined;
  return { ...file, status: 'ok', lottery: file.lottery };
}
