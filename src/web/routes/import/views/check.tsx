/** The import's third page: every problem in the file, or what the import will do. */
import type { ImportStep } from '../../../../commands/import-respondents.ts';
import { labelIn, preferNotToSay } from '../../../../domain/questions.ts';
import {
  type ContactField,
  contactFields,
  type PlannedRow,
  type RowProblem,
} from '../../../../domain/respondent-import.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { Csrf, SubmitButton } from '../../../views/forms.tsx';
import { DataTable } from '../../../views/kit.tsx';
import { mappingFields } from '../schema.ts';
import { answerText, ChangeMapping, previewRows, RowsTable } from './mapping.tsx';

const shownProblems = 200;

function problemAdvice(c: Ctx, step: ImportStep, problem: RowProblem): string {
  let options = '';
  if (problem.code === 'answer_unknown') {
    const question = step.questions.find((q) => step.mapping.answers[q.key] === problem.column);
    options = (question?.options ?? []).map((o) => labelIn(o.label, c.var.lang)).join(', ');
  }
  return c.var.t(`import.problem.${problem.code}`, {
    ...problem.params,
    column: problem.column,
    value: problem.value,
    options,
  });
}

export function problemsPage(c: Ctx, step: ImportStep, problems: RowProblem[]) {
  const t = c.var.t;
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const shown = sorted.slice(0, shownProblems);
  return renderAssemblyPage(
    c,
    'import',
    t('import.problems_title'),
    <>
      <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
        <h2>{t('errors.summary')}</h2>
        <p>{t('import.problems_lead')}</p>
      </div>
      <DataTable
        caption={t('import.problems_caption')}
        rows={shown}
        columns={[
          { header: t('import.col_line'), cell: (p) => p.line, numeric: true },
          { header: t('import.col_column'), cell: (p) => p.column },
          { header: t('import.col_value'), cell: (p) => p.value },
          { header: t('import.col_what_to_do'), cell: (p) => problemAdvice(c, step, p) },
        ]}
      />
      {sorted.length > shown.length ? (
        <p>{t('import.more_problems', { count: sorted.length - shown.length })}</p>
      ) : null}
      <ChangeMapping c={c} step={step} />
    </>,
    { status: 422 },
  );
}

type CheckedRow = { row: PlannedRow; existing: boolean };

/** The first rows as they will be stored, each marked new or already on record. */
function ReadyPreview(props: { c: Ctx; step: ImportStep; rows: CheckedRow[] }) {
  const { c, step } = props;
  const t = c.var.t;
  // Planned rows hold the full name already joined from first and family name.
  const fields = contactFields.filter((f) => step.mapping.contact[f]);
  const asked = step.questions.filter((q) => step.mapping.answers[q.key]);
  const headers = [
    t('import.col_line'),
    t('import.col_state'),
    ...fields.map((f) => t(`import.field.${f}`)),
    ...asked.map((q) => labelIn(q.label, c.var.lang)),
  ];
  const preview = props.rows
    .slice(0, previewRows)
    .map(({ row, existing }) => [
      String(row.line),
      t(existing ? 'import.state_existing' : 'import.state_new'),
      ...fields.map((f: ContactField) => row.contact[f] ?? ''),
      ...asked.map((q) => answerText(c, q, row.answers[q.key] ?? preferNotToSay)),
    ]);
  return (
    <RowsTable
      caption={t('import.preview_caption', { count: preview.length })}
      headers={headers}
      rows={preview}
    />
  );
}

function CommitForm(props: { c: Ctx; step: ImportStep; added: number }) {
  const { c, step } = props;
  return (
    <form method="post" action={`/a/${c.var.assembly.id}/import/commit`} class="actions">
      <Csrf c={c} />
      <input type="hidden" name="upload" value={step.upload.id} />
      {mappingFields(step.mapping, step.questions).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <SubmitButton label={c.var.t('import.import_button', { count: props.added })} />
    </form>
  );
}

export function readyPage(c: Ctx, step: ImportStep, rows: CheckedRow[]) {
  const t = c.var.t;
  const added = rows.filter((r) => !r.existing).length;
  const unchanged = rows.length - added;
  return renderAssemblyPage(
    c,
    'import',
    t('import.ready_title'),
    <>
      <p>{t('import.counts', { count: rows.length, added, unchanged })}</p>
      <ReadyPreview c={c} step={step} rows={rows} />
      {added > 0 ? (
        <CommitForm c={c} step={step} added={added} />
      ) : (
        <p class="warning">{t('import.nothing_new')}</p>
      )}
      <ChangeMapping c={c} step={step} />
    </>,
  );
}
