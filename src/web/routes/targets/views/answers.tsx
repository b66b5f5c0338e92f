/**
 * The table of one question's answers: per answer the population share, the pool, the targets in
 * the chosen unit and the seats they mean, with the check's findings about the answer beneath it.
 */
import { pointTarget, seatBounds } from '../../../../domain/targets.ts';
import { valueLabel } from '../../../views/findings.tsx';
import { str } from '../../../views/forms.tsx';
import { numberFormat } from '../../../views/time.ts';
import { fieldOf, kindFields, type valueFields } from '../schema.ts';
import { errorsOf, FindingItems, type QuestionView } from './question-view.tsx';
import { findingsAt } from './state.ts';

/** The column's name inside a cell, shown only where the narrow layout hides the table head. */
function CellHead(props: { column: string }) {
  return (
    <span class="cell-head" aria-hidden="true">
      {props.column}
    </span>
  );
}

function NumberCell(props: {
  name: string;
  label: string;
  column: string;
  value: string;
  error?: string;
  describedBy?: string;
}) {
  const ids = [props.error ? `${props.name}-error` : '', props.describedBy ?? ''].filter(Boolean).join(' ');
  return (
    <td class={props.error ? 'has-error' : undefined}>
      <CellHead column={props.column} />
      <label for={props.name} class="visually-hidden">
        {props.label}
      </label>
      {props.error ? (
        <p class="field-error" id={`${props.name}-error`}>
          {props.error}
        </p>
      ) : null}
      <input
        id={props.name}
        name={props.name}
        type="text"
        inputmode="decimal"
        size={6}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={ids || undefined}
      />
    </td>
  );
}

/** The seats an answer's targets mean at the assembly's panel size, in words. */
function seatsText(view: QuestionView, value: string): string {
  const { c, kind, question, state } = view;
  const t = c.var.t;
  const panelSize = c.var.assembly.panel_size;
  if (!view.used) return t('targets.not_used');
  if (kind === 'points') {
    const target = pointTarget(state.settings, question.key, value, panelSize);
    return target === undefined ? t('targets.no_target') : numberFormat(c.var.lang, 2).format(target);
  }
  const { min, max } = seatBounds(state.settings, question.key, value, panelSize);
  if (min === 0 && max >= panelSize) return t('targets.no_constraint');
  const top = Math.max(min, Math.min(max, panelSize));
  return min === top ? String(min) : t('targets.seat_range', { min, max: top });
}

/** One answer's row of the table, and the row of the check's findings about it, if any. */
function AnswerRows(props: { view: QuestionView; value: string; j: number }) {
  const { view, value, j } = props;
  const { c, i, question, state, label } = view;
  const t = c.var.t;
  const errors = errorsOf(view);
  const pct = numberFormat(c.var.lang, 1);
  const answer = valueLabel(t, c.var.lang, question, value);
  const findings = findingsAt(state.check, state.settings, question.key, value);
  const checkId = findings.length > 0 ? `q${i}.v${j}-check` : undefined;
  const count = view.poolCounts[value] ?? 0;
  const shown = kindFields[view.kind];
  const cell = (field: (typeof valueFields)[number], describedBy?: string) => (
    <NumberCell
      name={fieldOf(i, j, field)}
      column={t(`targets.col_${field}`)}
      label={t('targets.cell_label', { column: t(`targets.col_${field}`), answer, question: label })}
      value={str(state.values, fieldOf(i, j, field))}
      error={errors[fieldOf(i, j, field)]}
      describedBy={describedBy}
    />
  );
  return (
    <>
      <tr>
        <th scope="row">{answer}</th>
        {cell('population')}
        <td class="number">
          <CellHead column={t('targets.col_pool')} />
          {t('targets.pool_count', {
            n: count,
            percent: pct.format(view.poolSize === 0 ? 0 : (100 * count) / view.poolSize),
          })}
        </td>
        {shown.map((field) => cell(field, checkId))}
        <td>
          <CellHead column={t('targets.col_seats')} />
          {seatsText(view, value)}
        </td>
      </tr>
      {findings.length > 0 ? (
        <tr class="finding">
          <td colspan={4 + shown.length}>
            <ul class="field-error" id={checkId}>
              <FindingItems c={c} findings={findings} />
            </ul>
          </td>
        </tr>
      ) : null}
    </>
  );
}

export function AnswersTable(props: { view: QuestionView }) {
  const { view } = props;
  const t = view.c.var.t;
  return (
    <div class="table-wrap" tabindex={0}>
      <table class="targets-table">
        <caption>{t('targets.table_caption', { question: view.label })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('targets.col_answer')}</th>
            <th scope="col">{t('targets.col_population')}</th>
            <th scope="col" class="number">
              {t('targets.col_pool')}
            </th>
            {kindFields[view.kind].map((field) => (
              <th scope="col">{t(`targets.col_${field}`)}</th>
            ))}
            <th scope="col">{t('targets.col_seats')}</th>
          </tr>
        </thead>
        <tbody>
          {view.answers.map((value, j) => (
            <AnswerRows view={view} value={value} j={j} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
