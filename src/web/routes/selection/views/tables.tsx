/**
 * The long parts of a finished run's page: representativeness per question (population, pool and
 * expected panel), each volunteer's probability under their P-reference, and who could not be
 * selected and why.
 */
import { preferNotToSay, type Question } from '../../../../domain/questions.ts';
import { targetValues } from '../../../../domain/targets.ts';
import type { Excluded } from '../../../../sortition/model.ts';
import type { SelectionFile } from '../../../../sortition/selection-file.ts';
import type { Ctx } from '../../../env.ts';
import { GroupedBarChart } from '../../../views/charts.tsx';
import { questionLabel, valueLabel } from '../../../views/findings.tsx';
import { DataTable } from '../../../views/kit.tsx';
import { formatNumber, numberFormat } from '../../../views/time.ts';
import { probabilityPageSize } from '../schema.ts';
import { percentFormat, selectionBase } from './common.ts';
import type { RunView } from './run-view.ts';

/** The question keys the run used, in the assembly's order, then any the assembly no longer asks. */
function runQuestionKeys(file: SelectionFile, questions: Question[]): string[] {
  const used =
    file.input.targets.kind === 'quotas'
      ? file.input.targets.quotas.map((q) => q.feature)
      : file.input.targets.features.map((f) => f.feature);
  const unique = [...new Set(used)];
  return [
    ...questions.map((q) => q.key).filter((k) => unique.includes(k)),
    ...unique.filter((k) => !questions.some((q) => q.key === k)),
  ];
}

function targetText(c: Ctx, file: SelectionFile, key: string, value: string): string {
  const t = c.var.t;
  const targets = file.input.targets;
  if (targets.kind === 'quotas') {
    const quota = targets.quotas.find((q) => q.feature === key && q.value === value);
    if (!quota || (quota.min === 0 && quota.max >= file.input.panelSize)) return t('targets.no_constraint');
    const top = Math.min(quota.max, file.input.panelSize);
    return quota.min === top ? String(quota.min) : t('targets.seat_range', { min: quota.min, max: top });
  }
  const target = targets.features.find((f) => f.feature === key)?.values.find((v) => v.value === value);
  if (!target) return t('targets.no_target');
  return formatNumber(c, target.target, 2);
}

/** One answer of a question: its population share, its count in the pool, its expected seats. */
interface AnswerRow {
  value: string;
  population: number | undefined;
  pool: number;
  expected: number;
}

function answerRows(view: RunView, key: string): AnswerRow[] {
  const { file, settings, questions } = view;
  const pool: Record<string, number> = {};
  const expected: Record<string, number> = {};
  for (const person of file.input.people) {
    const value = person.features[key] ?? preferNotToSay;
    pool[value] = (pool[value] ?? 0) + 1;
    expected[value] = (expected[value] ?? 0) + (file.probabilities[person.id] ?? 0);
  }
  const question = questions.find((q) => q.key === key);
  const answers = question ? targetValues(question) : [];
  for (const value of Object.keys(pool)) if (!answers.includes(value)) answers.push(value);
  const population = settings.population[key] ?? {};
  return answers.map((value) => ({
    value,
    population: population[value],
    pool: pool[value] ?? 0,
    expected: expected[value] ?? 0,
  }));
}

function QuestionRepresentativeness(props: { view: RunView; questionKey: string }) {
  const { view, questionKey: key } = props;
  const { c, file, questions } = view;
  const t = c.var.t;
  const lang = c.var.lang;
  const pct = percentFormat(c);
  const seats = numberFormat(lang, 1, 1);
  const people = file.input.people.length;
  const size = file.input.panelSize;
  const question = questions.find((q) => q.key === key);
  const label = questionLabel(lang, questions, key);
  const rows = answerRows(view, key);
  const poolShare = (row: AnswerRow) => (people === 0 ? 0 : (100 * row.pool) / people);
  return (
    <div class="stack">
      <div class="narrow">
        <GroupedBarChart
          title={t('selection.chart_title', { question: label })}
          category={t('targets.col_answer')}
          series={[t('targets.series_population'), t('targets.series_pool'), t('selection.series_expected')]}
          format={(v) => `${pct.format(v)}\u00a0%`}
          rows={rows.map((row) => ({
            label: valueLabel(t, lang, question, row.value),
            values: [
              row.population ?? null,
              people === 0 ? null : poolShare(row),
              (100 * row.expected) / size,
            ],
          }))}
        />
      </div>
      <DataTable
        caption={t('selection.table_caption', { question: label })}
        rows={rows}
        columns={[
          {
            header: t('targets.col_answer'),
            rowHeader: true,
            cell: (row) => valueLabel(t, lang, question, row.value),
          },
          {
            header: t('targets.col_population'),
            numeric: true,
            cell: (row) => (row.population === undefined ? '–' : `${pct.format(row.population)}\u00a0%`),
          },
          {
            header: t('targets.col_pool'),
            numeric: true,
            cell: (row) => t('targets.pool_count', { n: row.pool, percent: pct.format(poolShare(row)) }),
          },
          {
            header: t('selection.col_expected'),
            numeric: true,
            cell: (row) =>
              t('selection.expected_seats', {
                seats: seats.format(row.expected),
                percent: pct.format((100 * row.expected) / size),
              }),
          },
          { header: t('selection.col_target'), cell: (row) => targetText(c, file, key, row.value) },
        ]}
      />
    </div>
  );
}

export function Representativeness(props: RunView) {
  const { c, file, questions } = props;
  return (
    <section aria-labelledby="representativeness-heading">
      <p>{c.var.t('selection.representativeness_lead')}</p>
      {runQuestionKeys(file, questions).map((key) => (
        <QuestionRepresentativeness view={props} questionKey={key} />
      ))}
    </section>
  );
}

function Pager(props: { c: Ctx; page: number; pages: number; link: (page: number) => string }) {
  const { c, page, pages, link } = props;
  const t = c.var.t;
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('selection.pages')}>
      {page > 1 ? (
        <a href={link(page - 1)} rel="prev">
          {t('selection.previous')}
        </a>
      ) : null}
      <span>{t('selection.page_of', { page, pages })}</span>
      {page < pages ? (
        <a href={link(page + 1)} rel="next">
          {t('selection.next')}
        </a>
      ) : null}
    </nav>
  );
}

export function Probabilities(props: RunView & { page: number }) {
  const { c, file, references, run } = props;
  const t = c.var.t;
  const pct = percentFormat(c, 2);
  const kept = new Set(file.input.keep);
  const rows = file.input.people
    .map((p) => ({
      id: p.id,
      reference: references.get(p.id) ?? p.id,
      probability: file.probabilities[p.id] ?? 0,
    }))
    .sort((a, b) => b.probability - a.probability || a.reference.localeCompare(b.reference));
  const pages = Math.max(1, Math.ceil(rows.length / probabilityPageSize));
  const page = Math.min(props.page, pages);
  const shown = rows.slice((page - 1) * probabilityPageSize, page * probabilityPageSize);
  const withChance = rows.filter((r) => r.probability > 0 && !kept.has(r.id)).map((r) => r.probability);
  return (
    <section aria-labelledby="probabilities-heading">
      {withChance.length > 0 ? (
        <p>
          {t('selection.probability_summary', {
            count: withChance.length,
            min: pct.format(100 * Math.min(...withChance)),
            max: pct.format(100 * Math.max(...withChance)),
          })}
        </p>
      ) : null}
      {kept.size > 0 ? <p>{t('selection.kept_note', { count: kept.size })}</p> : null}
      <DataTable
        caption={t('selection.probabilities_caption', {
          from: (page - 1) * probabilityPageSize + 1,
          to: (page - 1) * probabilityPageSize + shown.length,
          count: rows.length,
        })}
        rows={shown}
        columns={[
          { header: t('selection.col_reference'), rowHeader: true, cell: (r) => r.reference },
          {
            header: t('selection.col_probability'),
            numeric: true,
            cell: (r) =>
              kept.has(r.id)
                ? t('selection.kept_probability')
                : t('selection.probability', { percent: pct.format(100 * r.probability) }),
          },
        ]}
      />
      <Pager
        c={c}
        page={page}
        pages={pages}
        link={(p) => `${selectionBase(c)}/${run.id}?page=${p}#probabilities`}
      />
    </section>
  );
}

/** Why someone has probability 0, in the page's language, with the answer or housemate concerned. */
function exclusionText(view: RunView, excluded: Excluded): string {
  const { c, file, questions, references, peopleById } = view;
  const t = c.var.t;
  const lang = c.var.lang;
  const person = peopleById.get(excluded.id);
  switch (excluded.code) {
    case 'quota-closed': {
      const targets = file.input.targets;
      const closed =
        targets.kind === 'quotas' && person
          ? targets.quotas.find((q) => q.max === 0 && person.features[q.feature] === q.value)
          : undefined;
      if (!closed) return t('selection.excluded_quota_closed_any');
      return t('selection.excluded_quota_closed', {
        question: questionLabel(lang, questions, closed.feature),
        value: valueLabel(
          t,
          lang,
          questions.find((q) => q.key === closed.feature),
          closed.value,
        ),
      });
    }
    case 'household-of-kept': {
      const mate = person?.household
        ? file.input.keep
            .map((id) => peopleById.get(id))
            .find((p) => p !== undefined && p.id !== person.id && p.household === person.household)
        : undefined;
      return mate
        ? t('selection.excluded_household_of_kept', { reference: references.get(mate.id) ?? '' })
        : t('selection.excluded_household_of_kept_any');
    }
    case 'deviation':
    case 'no-feasible-panel':
    case 'never-drawn':
      return t(`selection.excluded_${excluded.code.replace(/-/g, '_')}`);
    default:
      return excluded.reason;
  }
}

export function ExcludedPeople(props: RunView) {
  const { c, file, references } = props;
  const t = c.var.t;
  const reference = (e: Excluded) => references.get(e.id) ?? e.id;
  return (
    <section aria-labelledby="excluded-heading">
      {file.excluded.length === 0 ? (
        <p>{t('selection.excluded_none')}</p>
      ) : (
        <>
          <p>{t('selection.excluded_lead', { count: file.excluded.length })}</p>
          <DataTable
            caption={t('selection.excluded')}
            captionHidden
            rows={[...file.excluded].sort((a, b) => reference(a).localeCompare(reference(b)))}
            columns={[
              { header: t('selection.col_reference'), rowHeader: true, cell: reference },
              { header: t('selection.col_reason'), cell: (e) => exclusionText(props, e) },
            ]}
          />
        </>
      )}
    </section>
  );
}
