/**
 * The people list: counts as charts, the filter form, the results table and its pager. htmx swaps the
 * results region (and the count, out of band) as the filters change.
 */
import type { Child } from 'hono/jsx';
import { peoplePageSize } from '../../../../domain/paging.ts';
import { labelIn, preferNotToSay, type Question } from '../../../../domain/questions.ts';
import type { ListQuery, PeopleList, PersonListItem } from '../../../../queries/people.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { BarChart, type BarDatum } from '../../../views/charts.tsx';
import { SelectField, SubmitButton, TextField } from '../../../views/forms.tsx';
import { type Column, DataTable, Section } from '../../../views/kit.tsx';
import { answerLabel, peopleBase, personHref, statusText, Time } from './parts.tsx';

function filterQuery(f: ListQuery, page: number): string {
  const params = new URLSearchParams();
  if (f.q) params.set('q', f.q);
  if (f.status) params.set('status', f.status);
  if (f.answer) params.set('answer', f.answer);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Pages to link: the first, the last and two either side of the current one. */
function pageNumbers(current: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - current) <= 2) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

function Pager(props: { c: Ctx; filters: ListQuery; total: number }) {
  const { c, filters, total } = props;
  const t = c.var.t;
  const pages = Math.max(1, Math.ceil(total / peoplePageSize));
  if (pages <= 1) return null;
  const current = Math.min(filters.page, pages);
  const link = (page: number, text: Child, options: { rel?: string; label?: string } = {}) => {
    const href = `${peopleBase(c)}${filterQuery(filters, page)}`;
    return (
      <a
        href={href}
        rel={options.rel}
        aria-label={options.label}
        aria-current={page === filters.page ? 'page' : undefined}
        hx-get={href}
        hx-target="#people-results"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        {text}
      </a>
    );
  };
  return (
    <nav class="pager" aria-label={t('people.pages')}>
      {current > 1 ? link(current - 1, t('people.previous'), { rel: 'prev' }) : null}
      <ul class="page-numbers">
        {pageNumbers(current, pages).map((p) =>
          p === null ? (
            <li aria-hidden="true">{t('people.gap')}</li>
          ) : (
            <li>{link(p, String(p), { label: t('people.page_of', { page: p, pages }) })}</li>
          ),
        )}
      </ul>
      {current < pages ? link(current + 1, t('people.next'), { rel: 'next' }) : null}
    </nav>
  );
}

function ResultCount(props: { c: Ctx; total: number; filters: ListQuery; oob?: boolean }) {
  const { c, total, filters } = props;
  const t = c.var.t;
  const from = total === 0 ? 0 : (filters.page - 1) * peoplePageSize + 1;
  const to = Math.min(total, filters.page * peoplePageSize);
  return (
    <p
      id="people-count"
      class="results-count"
      role="status"
      aria-live="polite"
      hx-swap-oob={props.oob ? 'innerHTML' : undefined}
    >
      {total === 0 ? t('people.none_found') : t('people.showing', { from, to, count: total })}
    </p>
  );
}

function resultColumns(c: Ctx, list: PeopleList): Column<PersonListItem>[] {
  const t = c.var.t;
  const columns: Column<PersonListItem>[] = [
    {
      header: t('people.reference'),
      rowHeader: true,
      cell: (p) => <a href={personHref(c, p.id)}>{p.reference}</a>,
    },
  ];
  if (list.mayName)
    columns.push({
      header: t('people.name'),
      cell: (p) => (p.erased_at ? t('people.erased') : (p.full_name ?? '')),
    });
  if (list.searchesContacts)
    columns.push(
      { header: t('people.email'), cell: (p) => (p.erased_at ? '' : (p.email ?? '')) },
      { header: t('people.phone'), cell: (p) => (p.erased_at ? '' : (p.phone ?? '')) },
    );
  columns.push(
    { header: t('people.status'), cell: (p) => statusText(c, p.status) },
    { header: t('people.status_since'), cell: (p) => <Time c={c} at={p.status_changed_at} /> },
  );
  return columns;
}

function Results(props: { c: Ctx; list: PeopleList }) {
  const { c, list } = props;
  return (
    <div id="people-results">
      {list.items.length === 0 ? null : (
        <DataTable
          columns={resultColumns(c, list)}
          rows={list.items}
          caption={c.var.t('people.table_caption')}
          captionHidden
        />
      )}
      <Pager c={c} filters={list.filters} total={list.total} />
    </div>
  );
}

/** What htmx asks for as the filters change: the results and, out of band, their count. */
export function ListResults(props: { c: Ctx; list: PeopleList }) {
  return (
    <>
      <Results c={props.c} list={props.list} />
      <ResultCount c={props.c} total={props.list.total} filters={props.list.filters} oob />
    </>
  );
}

function AnswerFilter(props: { c: Ctx; questions: Question[]; value: string }) {
  const { c, questions } = props;
  const t = c.var.t;
  return (
    <div class="field">
      <label for="answer">{t('people.filter_answer')}</label>
      <select id="answer" name="answer">
        <option value="">{t('people.all_answers')}</option>
        {questions.map((q) => (
          <optgroup label={labelIn(q.label, c.var.lang)}>
            {[...q.options.map((o) => o.value), preferNotToSay].map((value) => {
              const v = `${q.key}:${value}`;
              return (
                <option value={v} selected={v === props.value}>
                  {answerLabel(c, q, value)}
                </option>
              );
            })}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

function answerChart(c: Ctx, question: Question, counts: Record<string, number>): BarDatum[] {
  const values = question.options.map((o) => o.value);
  if (counts[preferNotToSay]) values.push(preferNotToSay);
  for (const value of Object.keys(counts)) if (!values.includes(value)) values.push(value);
  return values.map((value) => ({ label: answerLabel(c, question, value), value: counts[value] ?? 0 }));
}

function Counts(props: { c: Ctx; list: PeopleList }) {
  const { c, list } = props;
  const t = c.var.t;
  const counts = list.counts ?? { byStatus: {}, byAnswer: {} };
  return (
    <Section id="people-counts" title={t('people.counts')}>
      <div class="charts">
        <BarChart
          title={t('people.by_status')}
          data={list.statusChoices.map((s) => ({ label: t(`status.${s}`), value: counts.byStatus[s] ?? 0 }))}
          empty={t('people.no_data')}
        />
        {list.questions.map((q) => (
          <BarChart
            title={t('people.by_answer', { question: labelIn(q.label, c.var.lang) })}
            data={answerChart(c, q, counts.byAnswer[q.key] ?? {})}
            empty={t('people.no_data')}
          />
        ))}
      </div>
    </Section>
  );
}

function Filters(props: { c: Ctx; list: PeopleList }) {
  const { c, list } = props;
  const t = c.var.t;
  const base = peopleBase(c);
  return (
    <search aria-label={t('people.filter_label')}>
      <form
        method="get"
        action={base}
        class="filters"
        hx-get={base}
        hx-target="#people-results"
        hx-swap="outerHTML"
        hx-push-url="true"
        hx-trigger="submit, change, input changed delay:500ms from:#q"
      >
        <TextField
          name="q"
          type="search"
          label={list.searchesContacts ? t('people.search_contacts') : t('people.search_reference')}
          value={list.filters.q}
        />
        <SelectField
          name="status"
          label={t('people.filter_status')}
          options={list.statusChoices.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={list.filters.status}
          empty={t('people.all_statuses')}
        />
        {list.mayFilterByAnswer && list.questions.length > 0 ? (
          <AnswerFilter c={c} questions={list.questions} value={list.filters.answer} />
        ) : null}
        <SubmitButton label={t('people.filter')} />
        <a href={base}>{t('people.clear')}</a>
      </form>
    </search>
  );
}

export function listPage(c: Ctx, list: PeopleList) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'people',
    t('people.title'),
    <>
      <Counts c={c} list={list} />
      <Section id="people-list" title={t('people.list')}>
        <Filters c={c} list={list} />
        <ResultCount c={c} total={list.total} filters={list.filters} />
        <Results c={c} list={list} />
      </Section>
    </>,
  );
}
