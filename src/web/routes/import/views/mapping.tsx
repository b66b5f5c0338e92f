/** The import's second page: which column holds what, with the first rows read through that choice. */
import type { ImportStep } from '../../../../commands/import-respondents.ts';
import { fieldLimits, previewOf } from '../../../../domain/field-limits.ts';
import { labelIn, matchOption, preferNotToSay, type Question } from '../../../../domain/questions.ts';
import { mappableFields } from '../../../../domain/respondent-import.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { Csrf, SelectField, SubmitButton } from '../../../views/forms.tsx';
import { DataTable } from '../../../views/kit.tsx';

export const previewRows = 10;

/** An answer as the organiser reads it: the option's label in the page language. */
export function answerText(c: Ctx, question: Question, value: string): string {
  if (value === preferNotToSay) return c.var.t('import.prefer_not_to_say');
  const option = question.options.find((o) => o.value === value);
  return option ? labelIn(option.label, c.var.lang) : value;
}

/** Rows of text under their headers, the first cell of each naming the row (its line in the file). */
export function RowsTable(props: { caption: string; headers: string[]; rows: string[][] }) {
  return (
    <DataTable
      caption={props.caption}
      rows={props.rows}
      columns={props.headers.map((header, i) => ({
        header,
        cell: (row: string[]) => row[i],
        rowHeader: i === 0,
      }))}
    />
  );
}

export function MappingForm(props: { c: Ctx; step: ImportStep }) {
  const { c } = props;
  const { upload, questions, mapping } = props.step;
  const t = c.var.t;
  const options = upload.table.headers.map((h) => ({ value: h, label: h }));
  return (
    <form method="post" action={`/a/${c.var.assembly.id}/import/preview`} class="stack">
      <Csrf c={c} />
      <input type="hidden" name="upload" value={upload.id} />
      <SelectField
        name="id_column"
        label={t('import.id_column')}
        hint={t('import.id_hint')}
        options={options}
        value={mapping.id ?? ''}
        empty={t('import.not_in_file')}
      />
      <fieldset class="field">
        <legend>{t('import.contact_legend')}</legend>
        {mappableFields.map((f) => (
          <SelectField
            name={`contact_${f}`}
            label={t(`import.field.${f}`)}
            options={options}
            value={mapping.contact[f] ?? ''}
            empty={t('import.not_in_file')}
          />
        ))}
      </fieldset>
      <fieldset class="field">
        <legend>{t('import.answers_legend')}</legend>
        {questions.length === 0 ? <p>{t('import.no_questions')}</p> : null}
        {questions.map((q) => (
          <SelectField
            name={`answer_${q.key}`}
            label={labelIn(q.label, c.var.lang)}
            options={options}
            value={mapping.answers[q.key] ?? ''}
            empty={t('import.not_in_file')}
          />
        ))}
      </fieldset>
      <SubmitButton label={t('import.check')} />
    </form>
  );
}

/** The mapping form again under a heading, and the way back to the start. */
export function ChangeMapping(props: { c: Ctx; step: ImportStep }) {
  const t = props.c.var.t;
  return (
    <>
      <h2>{t('import.change_mapping')}</h2>
      <MappingForm c={props.c} step={props.step} />
      <StartAgain c={props.c} />
    </>
  );
}

export function StartAgain(props: { c: Ctx }) {
  return (
    <p>
      <a href={`/a/${props.c.var.assembly.id}/import`}>{props.c.var.t('import.start_again')}</a>
    </p>
  );
}

/** A cell's text as one row's answer reads through the mapping. */
function mappedAnswer(c: Ctx, question: Question, raw: string): string {
  const value = matchOption(question, raw);
  return value === null ? c.var.t('import.not_recognised', { value: raw }) : answerText(c, question, value);
}

/** The first rows of the file read through the mapping, as the organiser chose it so far. */
function MappedPreview(props: { c: Ctx; step: ImportStep }) {
  const { c } = props;
  const { upload, questions, mapping } = props.step;
  const t = c.var.t;
  const { table } = upload;
  const index = (column: string | undefined) =>
    column ? table.headers.findIndex((h) => h.toLowerCase() === column.toLowerCase()) : -1;
  const fields = mappableFields.filter((f) => index(mapping.contact[f]) >= 0);
  const asked = questions.filter((q) => index(mapping.answers[q.key]) >= 0);
  const headers = [
    t('import.col_line'),
    ...fields.map((f) => t(`import.field.${f}`)),
    ...asked.map((q) => labelIn(q.label, c.var.lang)),
  ];
  const rows = table.rows.slice(0, previewRows).map((row) => {
    // Shortened and with control characters made visible: the file has not been checked yet.
    const cell = (column: string | undefined) => previewOf(row.cells[index(column)] ?? '', fieldLimits.email);
    return [
      String(row.line),
      ...fields.map((f) => cell(mapping.contact[f])),
      ...asked.map((q) => mappedAnswer(c, q, cell(mapping.answers[q.key]))),
    ];
  });
  return (
    <RowsTable caption={t('import.preview_caption', { count: rows.length })} headers={headers} rows={rows} />
  );
}

export function mappingPage(c: Ctx, step: ImportStep, status: 200 | 422 = 200) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'import',
    t('import.mapping_title'),
    <>
      <p>{t('import.mapping_lead', { file: step.upload.fileName })}</p>
      <p>{t('import.rows_in_file', { count: step.upload.table.rows.length })}</p>
      <MappingForm c={c} step={step} />
      <MappedPreview c={c} step={step} />
      <StartAgain c={c} />
    </>,
    { status },
  );
}
