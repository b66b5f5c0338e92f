/**
 * The responses to the letters: registrations per stratum (charts and a table), per draw, and for
 * codes made by hand, with the response rate of each.
 */
import type { InvitationDrawRow, ResponseCount } from '../../../../repositories/invitation-draws.ts';
import type { Ctx } from '../../../env.ts';
import { BarChart } from '../../../views/charts.tsx';
import { Section } from '../../../views/kit.tsx';
import { formatNumber, formatPercent, formatTime, localeOf } from '../../../views/time.ts';
import { invitationsPath } from '../paths.ts';

interface ResponseLine {
  label: string;
  letters: number;
  registrations: number;
}

function rate(line: { letters: number; registrations: number }): number {
  return line.letters > 0 ? line.registrations / line.letters : 0;
}

function sum(label: string, counts: readonly ResponseCount[]): ResponseLine {
  return {
    label,
    letters: counts.reduce((s, r) => s + r.letters, 0),
    registrations: counts.reduce((s, r) => s + r.registrations, 0),
  };
}

/** The lines of the three tables: per stratum (by its name as shown), per draw (oldest first), by hand. */
function responseLines(c: Ctx, counts: readonly ResponseCount[], draws: readonly InvitationDrawRow[]) {
  const t = c.var.t;
  const drawn = counts.filter((r) => r.drawId !== null);
  const byStratum = new Map<string, ResponseLine>();
  for (const r of drawn) {
    const label = r.stratum === null ? t('lottery.not_stratified') : r.stratum || t('lottery.blank_stratum');
    const line = byStratum.get(label) ?? { label, letters: 0, registrations: 0 };
    line.letters += r.letters;
    line.registrations += r.registrations;
    byStratum.set(label, line);
  }
  const strata = [...byStratum.values()].sort((a, b) => a.label.localeCompare(b.label, localeOf(c)));
  const perDraw = draws
    .map((d) =>
      sum(
        formatTime(c, d.created_at),
        drawn.filter((r) => r.drawId === d.id),
      ),
    )
    .reverse();
  const byHand = sum(
    t('lottery.codes_by_hand'),
    counts.filter((r) => r.drawId === null),
  );
  return { strata, perDraw, byHand };
}

function ResponseTable(props: { c: Ctx; id: string; caption: string; head: string; lines: ResponseLine[] }) {
  const { c, lines } = props;
  const t = c.var.t;
  const total = lines.reduce(
    (s, l) => ({ letters: s.letters + l.letters, registrations: s.registrations + l.registrations }),
    { letters: 0, registrations: 0 },
  );
  const percent = (l: { letters: number; registrations: number }) => formatPercent(c, rate(l));
  // By hand rather than DataTable: the table keeps its id and has a footer with the totals.
  return (
    <div class="table-wrap">
      <table id={props.id}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.head}</th>
            <th scope="col" class="number">
              {t('lottery.letters_sent')}
            </th>
            <th scope="col" class="number">
              {t('lottery.registrations')}
            </th>
            <th scope="col" class="number">
              {t('lottery.response_rate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr>
              <th scope="row">{l.label}</th>
              <td class="number">{formatNumber(c, l.letters)}</td>
              <td class="number">{formatNumber(c, l.registrations)}</td>
              <td class="number">{percent(l)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('lottery.total')}</th>
            <td class="number">{formatNumber(c, total.letters)}</td>
            <td class="number">{formatNumber(c, total.registrations)}</td>
            <td class="number">{percent(total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function StrataCharts(props: { c: Ctx; strata: ResponseLine[] }) {
  const t = props.c.var.t;
  const { strata } = props;
  return (
    <div class="charts">
      <BarChart
        id="response-chart"
        title={t('lottery.rate_chart')}
        data={strata.map((s) => ({ label: s.label, value: Math.round(rate(s) * 1000) / 10 }))}
      />
      <BarChart
        id="letters-chart"
        title={t('lottery.letters_chart')}
        data={strata.map((s) => ({ label: s.label, value: s.letters }))}
      />
      <BarChart
        id="registrations-chart"
        title={t('lottery.registrations_chart')}
        data={strata.map((s) => ({ label: s.label, value: s.registrations }))}
      />
    </div>
  );
}

export function ResponsesPage(props: { c: Ctx; counts: ResponseCount[]; draws: InvitationDrawRow[] }) {
  const { c } = props;
  const t = c.var.t;
  const { strata, perDraw, byHand } = responseLines(c, props.counts, props.draws);
  return (
    <>
      <p>
        <a href={`${invitationsPath(c)}/lottery`}>{t('lottery.back_to_lottery')}</a>
      </p>
      <p>{t('lottery.responses_lead')}</p>
      {strata.length === 0 ? (
        <p>{t('lottery.no_draws')}</p>
      ) : (
        <>
          <StrataCharts c={c} strata={strata} />
          <ResponseTable
            c={c}
            id="responses-by-stratum"
            caption={t('lottery.by_stratum')}
            head={t('lottery.stratum')}
            lines={strata}
          />
          <ResponseTable
            c={c}
            id="responses-by-draw"
            caption={t('lottery.by_draw')}
            head={t('lottery.drawn_at')}
            lines={perDraw}
          />
        </>
      )}
      {byHand.letters > 0 ? (
        <ResponseTable
          c={c}
          id="responses-by-hand"
          caption={t('lottery.codes_by_hand')}
          head={t('lottery.kind')}
          lines={[byHand]}
        />
      ) : null}
      <Section id="second-mailout" title={t('lottery.second_mailout_heading')}>
        <p>{t('lottery.second_mailout_text')}</p>
      </Section>
    </>
  );
}
