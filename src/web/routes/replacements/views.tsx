/** The replacements page: open seats, the button starting a replacement round, and the rounds so far. */
import { labelIn } from '../../../domain/questions.ts';
import type { EffectRow, ReplacementRound, ReplacementsView } from '../../../queries/replacements.ts';
import type { Assembly } from '../../../repositories/assemblies.ts';
import type { Ctx } from '../../env.ts';
import { Csrf, ErrorSummary, type FieldErrors, SubmitButton } from '../../views/forms.tsx';
import { DataTable, EmptyState, Section } from '../../views/kit.tsx';
import { formatNumber, formatTime } from '../../views/time.ts';

interface Props {
  c: Ctx;
  assembly: Assembly;
  view: ReplacementsView;
}

function OpenSeats(props: Props) {
  const { c, assembly, view } = props;
  const t = c.var.t;
  const { seats, left } = view;
  return (
    <Section id="replacements-open" title={t('replacements.open_title')}>
      <p>{t('replacements.panel_seats', { count: seats.panelSize, filled: seats.filled })}</p>
      {left.length > 0 && (
        <>
          <p>{t('replacements.left_intro')}</p>
          <ul>
            {left.map((s) => (
              <li>
                <a href={`/a/${assembly.id}/people/${s.id}`}>{s.reference}</a> – {t(`status.${s.status}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      {seats.open === 0 ? (
        <p>{t('replacements.none_open')}</p>
      ) : (
        <form method="post" action={`/a/${assembly.id}/replacements`} class="stack">
          <Csrf c={c} />
          <p>{t('replacements.how', { seats: seats.open, kept: seats.filled, size: seats.panelSize })}</p>
          <SubmitButton label={t('replacements.start', { count: seats.open })} />
        </form>
      )}
    </Section>
  );
}

function Round(props: Props & { round: ReplacementRound }) {
  const { c, round, view } = props;
  const t = c.var.t;
  const question = (key: string) => view.questions.find((q) => q.key === key);
  const answerLabel = (row: EffectRow) => {
    const option = question(row.questionKey)?.options.find((o) => o.value === row.value);
    if (option) return labelIn(option.label, c.var.lang);
    return row.value === 'prefer_not_to_say' ? t('replacements.prefer_not') : row.value;
  };
  return (
    <section class="card">
      <h3>{t('replacements.round', { when: formatTime(c, round.at), by: round.byName ?? '–' })}</h3>
      <ul>
        {round.pairs.map((pair) => (
          <li>{t('replacements.pair', pair)}</li>
        ))}
      </ul>
      <DataTable
        caption={t('replacements.effect_caption')}
        rows={round.effect}
        columns={[
          {
            header: t('replacements.question'),
            rowHeader: true,
            cell: (row) => labelIn(question(row.questionKey)?.label ?? { sv: row.questionKey }, c.var.lang),
          },
          { header: t('replacements.value'), cell: answerLabel },
          { header: t('replacements.before'), numeric: true, cell: (row) => formatNumber(c, row.before) },
          { header: t('replacements.after'), numeric: true, cell: (row) => formatNumber(c, row.after) },
        ]}
      />
    </section>
  );
}

export function ReplacementsPage(props: Props & { errors: FieldErrors }) {
  const { c, view } = props;
  const t = c.var.t;
  return (
    <>
      <p>{t('replacements.lead')}</p>
      <ErrorSummary title={t('errors.summary')} errors={props.errors} labels={{}} />
      <OpenSeats {...props} />
      <Section id="replacements-done" title={t('replacements.done_title')}>
        {view.rounds.length === 0 ? (
          <EmptyState>{t('replacements.none_done')}</EmptyState>
        ) : (
          view.rounds.map((round) => <Round {...props} round={round} />)
        )}
      </Section>
    </>
  );
}
