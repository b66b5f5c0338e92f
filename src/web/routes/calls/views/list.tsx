/**
 * The confirmation callers' list: the panel members to phone as cards, with a search, a tab per
 * kind of call ("still to call", "call again", everyone) and pages.
 */
import { callListFilters, callsPageSize } from '../../../../domain/calls.ts';
import type { CallListPage, Place } from '../../../../queries/calls.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { ErrorSummary, SubmitButton, TextField } from '../../../views/forms.tsx';
import { type CardContext, callsBase, cardLabels, PersonCard, placeHref } from './card.tsx';

function Pager(props: { c: Ctx; place: Place; pages: number }) {
  const { c, place, pages } = props;
  const t = c.var.t;
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('calls.pages')}>
      {place.page > 1 ? (
        <a href={placeHref(c, { ...place, page: place.page - 1 })} rel="prev">
          {t('calls.previous')}
        </a>
      ) : null}
      <span aria-current="page">{t('calls.page_of', { page: place.page, pages })}</span>
      {place.page < pages ? (
        <a href={placeHref(c, { ...place, page: place.page + 1 })} rel="next">
          {t('calls.next')}
        </a>
      ) : null}
    </nav>
  );
}

function SearchAndTabs(props: { c: Ctx; list: CallListPage }) {
  const { c } = props;
  const { place, counts } = props.list;
  const t = c.var.t;
  return (
    <>
      <search aria-label={t('calls.search_label')}>
        <form method="get" action={callsBase(c)} class="filters">
          <input type="hidden" name="filter" value={place.filter} />
          <TextField name="q" type="search" label={t('calls.search')} value={place.q} />
          <SubmitButton label={t('calls.search_button')} />
          {place.q ? (
            <a href={placeHref(c, { ...place, q: '', page: 1 })}>{t('calls.search_clear')}</a>
          ) : null}
        </form>
      </search>
      <nav aria-label={t('calls.filter_label')} class="actions">
        {callListFilters.map((f) => (
          <a
            class={f === place.filter ? 'button' : 'button secondary'}
            href={placeHref(c, { filter: f, q: place.q, page: 1 })}
            aria-current={f === place.filter ? 'page' : undefined}
          >
            {t(`calls.filter_${f}`, { count: counts[f] })}
          </a>
        ))}
      </nav>
    </>
  );
}

function ResultCount(props: { c: Ctx; list: CallListPage }) {
  const t = props.c.var.t;
  const { total, first, place, pages } = props.list;
  return (
    <p class="results-count" role="status">
      {total === 0
        ? t(place.q ? 'calls.none_found' : 'calls.none')
        : pages > 1
          ? t('calls.shown_range', {
              count: total,
              from: first + 1,
              to: first + Math.min(callsPageSize, total - first),
            })
          : t('calls.shown', { count: total })}
    </p>
  );
}

/** The list page; after a refused form, with that card on it whatever the tab, and the summary on top. */
export function callsPage(c: Ctx, list: CallListPage, card: CardContext, notice: string | null) {
  const t = c.var.t;
  const { posted } = card;
  const shown = [...list.shown];
  // The person whose form has a problem stays on the page whatever the filter, so the message shows.
  if (posted && !shown.some((p) => p.id === posted.personId)) {
    const person = list.everyone.find((p) => p.id === posted.personId);
    if (person) shown.unshift(person);
  }
  return renderAssemblyPage(
    c,
    'calls',
    t('calls.title'),
    <>
      <p>{t('calls.lead')}</p>
      {posted ? (
        <ErrorSummary
          title={t('calls.problem_with', { reference: posted.reference })}
          errors={posted.errors}
          labels={cardLabels(c, posted.personId)}
        />
      ) : null}
      <SearchAndTabs c={c} list={list} />
      <ResultCount c={c} list={list} />
      {shown.length > 0 ? (
        <div class="cards">
          {shown.map((person) => (
            <PersonCard c={c} person={person} card={card} />
          ))}
        </div>
      ) : null}
      <Pager c={c} place={list.place} pages={list.pages} />
    </>,
    { notice, status: posted ? 422 : 200 },
  );
}
