/** The organiser's draw tab: the draws so far, and the form announcing a panel draw from a finished run. */

import type { DrawableRun } from '../../../../queries/draw.ts';
import type { Assembly } from '../../../../repositories/assemblies.ts';
import type { PublicDrawSummary } from '../../../../repositories/public-draws.ts';
import type { Ctx } from '../../../env.ts';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  SubmitButton,
  str,
} from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatNumber, formatTime } from '../../../views/time.ts';
import { DrawStatus, drawBase, kindTitle, planText, publicListPath, publicPath, Time } from './parts.tsx';
import { PlanFields, planLabels } from './plan-form.tsx';

export interface DrawsPageProps {
  c: Ctx;
  assembly: Assembly;
  draws: PublicDrawSummary[];
  drawable: DrawableRun[];
  finished: number;
  /** What was typed, when the form comes back with errors (or to change it). */
  form: { values: FormValues; errors: FieldErrors } | null;
  values: FormValues;
  nowMillis: number;
}

function DrawList(props: { c: Ctx; assembly: Assembly; draws: PublicDrawSummary[] }) {
  const { c, assembly } = props;
  const t = c.var.t;
  return (
    <DataTable
      caption={t('draw.list')}
      captionHidden
      rows={props.draws}
      empty={t('draw.none')}
      columns={[
        {
          header: t('draw.kind'),
          rowHeader: true,
          cell: (d) => <a href={`${drawBase(assembly)}/${d.id}`}>{kindTitle(c, d.kind, d.run_kind)}</a>,
        },
        { header: t('draw.announced'), cell: (d) => <Time c={c} at={d.published_at} /> },
        { header: t('draw.randomness'), cell: (d) => planText(c, d.plan) },
        { header: t('draw.status'), cell: (d) => <DrawStatus c={c} draw={d} /> },
        {
          header: t('draw.public_page'),
          cell: (d) => (
            <a href={publicPath(assembly, d.id)}>
              {t('draw.public_page')}
              <span class="visually-hidden">{` ${kindTitle(c, d.kind, d.run_kind)}`}</span>
            </a>
          ),
        },
      ]}
    />
  );
}

/**
 * Each run's label says whether it is a replacement round and ends in the run's short reference (the
 * one in its selection file's name), with the time to the second, so that two runs with the same
 * settings can be told apart.
 */
function runLabel(c: Ctx, run: DrawableRun): string {
  return c.var.t(run.kind === 'replacement' ? 'draw.run_option_replacement' : 'draw.run_option_selection', {
    time: formatTime(c, run.finishedAt, { seconds: true }),
    panels: formatNumber(c, run.panels),
    people: formatNumber(c, run.people),
    algorithm: run.algorithm,
    reference: run.id.slice(0, 8),
  });
}

function AnnounceForm(props: DrawsPageProps) {
  const { c, drawable, values } = props;
  const t = c.var.t;
  const errors = props.form?.errors ?? {};
  if (drawable.length === 0 && !props.form)
    return <p>{t(props.finished === 0 ? 'draw.no_runs' : 'draw.no_lottery_runs')}</p>;
  return (
    <form method="post" action={drawBase(props.assembly)} class="stack" novalidate>
      <Csrf c={c} />
      <ErrorSummary title={t('errors.summary')} errors={errors} labels={planLabels(c)} />
      <p>{t('draw.announce_lead')}</p>
      <SelectField
        name="run"
        label={t('draw.run')}
        hint={t('draw.run_hint')}
        options={drawable.map((r) => ({ value: r.id, label: runLabel(c, r) }))}
        value={str(values, 'run')}
        error={errors.run}
        empty={drawable.length === 1 ? undefined : t('draw.run_choose')}
      />
      <PlanFields c={c} values={values} errors={errors} nowMillis={props.nowMillis} />
      <SubmitButton label={t('draw.check_announcement')} />
    </form>
  );
}

export function DrawsPage(props: DrawsPageProps) {
  const { c, assembly } = props;
  const t = c.var.t;
  return (
    <>
      <p>{t('draw.lead')}</p>
      <ol>
        <li>{t('draw.step_announce')}</li>
        <li>{t('draw.step_draw')}</li>
        <li>{t('draw.step_verify')}</li>
      </ol>
      <Section id="draws-list" title={t('draw.list')}>
        <DrawList c={c} assembly={assembly} draws={props.draws} />
        <p>
          <a href={publicListPath(assembly)}>{t('draw.public_list_link')}</a>
        </p>
      </Section>
      <Section id="announce" title={t('draw.announce_heading')}>
        <AnnounceForm {...props} />
      </Section>
    </>
  );
}
