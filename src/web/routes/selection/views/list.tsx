/** The selection tab: the start form and the assembly's runs. */
import type { RunSummary, SelectionOverview } from '../../../../queries/selection.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  SubmitButton,
  str,
  TextField,
} from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { maxLotterySize, maxPanelSize, runAlgorithms } from '../schema.ts';
import { runTime, selectionBase } from './common.ts';
import { type TradeOffForms, TradeOffRefusal, TradeOffSection } from './trade-off.tsx';

function StartForm(props: { c: Ctx; values: FormValues; errors: FieldErrors }) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
    <form method="post" action={selectionBase(c)} class="stack narrow" novalidate>
      <Csrf c={c} />
      <ErrorSummary
        title={t('errors.summary')}
        errors={errors}
        labels={{
          algorithm: t('selection.algorithm'),
          panel_size: t('selection.panel_size'),
          lottery_size: t('selection.lottery_size'),
          seed: t('selection.seed'),
        }}
      />
      <SelectField
        name="algorithm"
        label={t('selection.algorithm')}
        hint={t('selection.algorithm_hint')}
        value={str(values, 'algorithm') || 'leximin'}
        error={errors.algorithm}
        options={runAlgorithms.map((a) => ({ value: a, label: t(`selection.algorithm_${a}`) }))}
      />
      <TextField
        name="panel_size"
        label={t('selection.panel_size')}
        hint={t('selection.panel_size_hint')}
        type="number"
        inputmode="numeric"
        min={1}
        max={maxPanelSize}
        value={str(values, 'panel_size')}
        error={errors.panel_size}
        required
      />
      <TextField
        name="lottery_size"
        label={t('selection.lottery_size')}
        hint={t('selection.lottery_size_hint')}
        type="number"
        inputmode="numeric"
        min={1}
        max={maxLotterySize}
        value={str(values, 'lottery_size')}
        error={errors.lottery_size}
        required
      />
      <TextField
        name="seed"
        label={t('selection.seed')}
        hint={t('selection.seed_hint')}
        value={str(values, 'seed')}
        error={errors.seed}
      />
      <SubmitButton label={t('selection.start')} />
    </form>
  );
}

function RunList(props: { c: Ctx; runs: RunSummary[] }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <DataTable
      caption={t('selection.runs_title')}
      captionHidden
      rows={props.runs}
      empty={t('selection.no_runs')}
      columns={[
        {
          header: t('selection.col_started'),
          rowHeader: true,
          cell: (run) => <a href={`${selectionBase(c)}/${run.id}`}>{runTime(c, run.created_at)}</a>,
        },
        { header: t('selection.col_kind'), cell: (run) => t(`selection.kind_${run.kind}`) },
        { header: t('selection.col_status'), cell: (run) => t(`selection.status_${run.status}`) },
        {
          header: t('selection.col_algorithm'),
          cell: (run) => t(`selection.algorithm_${run.settings.algorithm}`),
        },
        { header: t('selection.col_size'), numeric: true, cell: (run) => run.settings.panelSize },
        { header: t('selection.col_pool'), numeric: true, cell: (run) => run.settings.poolSize },
        { header: t('selection.col_by'), cell: (run) => run.created_by_name ?? t('selection.by_system') },
      ]}
    />
  );
}

export interface SelectionListProps {
  overview: SelectionOverview;
  /** The start form's fields: what was typed, or the defaults. */
  values: FormValues;
  errors: FieldErrors;
  /** With point targets: the trade-off and tolerance forms, as typed or with their defaults. */
  tradeOffForms: TradeOffForms;
  notice: string | null;
  status: 200 | 409 | 422;
}

export function selectionListPage(c: Ctx, props: SelectionListProps) {
  const t = c.var.t;
  const assembly = c.var.assembly;
  const { active } = props.overview;
  return renderAssemblyPage(
    c,
    'selection',
    t('selection.title'),
    <>
      <p>{t('selection.lead')}</p>
      {props.overview.hasTargets ? null : (
        <p class="warning">
          {t('selection.no_targets')} <a href={`/a/${assembly.id}/targets`}>{t('selection.to_targets')}</a>
        </p>
      )}
      {active ? (
        <p class="notice">
          {t('selection.active')}{' '}
          <a href={`${selectionBase(c)}/${active.id}`}>{t('selection.active_link')}</a>
        </p>
      ) : null}
      {props.overview.points ? (
        <TradeOffSection c={c} points={props.overview.points} forms={props.tradeOffForms} />
      ) : (
        <TradeOffRefusal c={c} forms={props.tradeOffForms} />
      )}
      <Section id="start" title={t('selection.start_title')}>
        <StartForm c={c} values={props.values} errors={props.errors} />
      </Section>
      <Section id="runs" title={t('selection.runs_title')}>
        <RunList c={c} runs={props.overview.runs} />
      </Section>
    </>,
    { status: props.status, notice: props.notice },
  );
}
