/** What the parts of a finished run's page are given. */
import type { Question } from '../../../../domain/questions.ts';
import type { RunSettings, SelectionRun } from '../../../../repositories/selection-runs.ts';
import type { RecordedPerson, SelectionFile } from '../../../../sortition/selection-file.ts';
import type { Ctx } from '../../../env.ts';

export interface RunView {
  c: Ctx;
  run: SelectionRun;
  settings: RunSettings;
  file: SelectionFile;
  questions: Question[];
  references: Map<string, string>;
  /** The run's people by id: a pool of 20,000 is too many to search once per excluded person. */
  peopleById: Map<string, RecordedPerson>;
}
