/**
 * Point targets on the selection tab: the trade-off between deviation from the targets and chances
 * (computing it, following it, its chart and table) and the tolerance the next run allows.
 */
import { raw } from 'hono/html';
import type { TradeOffJobResult, TradeOffState } from '../../../../commands/deviation-trade-offs.ts';
import type { Ctx } from '../../../env.ts';
import { BarChart } from '../../../views/charts.tsx';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SubmitButton,
  str,
  TextField,
} from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatNumber, formatPercent, formatTime } from '../../../views/time.ts';
import { maxTradeOffSteps } from '../schema.ts';
import { selectionBase } from './common.ts';

type Step = TradeOffJobResult['steps'][number];

/** A deviation as the page writes it: up to four decimals, as typed. */
const deviation = (c: Ctx, n: number) => formatNumber(c, n, 4);

function StepTable(props: { c: Ctx; steps: Step[] }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <DataTable
      caption={t('selection.trade_off.table')}
      rows={props.steps}
      columns={[
        {
          header: t('selection.trade_off.col_tolerance'),
          numeric: true,
          cell: (s) => deviation(c, s.tolerance),
        },
        {
          header: t('selection.trade_off.col_allowed'),
          numeric: true,
          rowHeader: true,
          cell: (s) => deviation(c, s.allowed),
        },
        {
          header: t('selection.trade_off.col_lowest'),
          numeric: true,
          cell: (s) => formatPercent(c, s.lowest, 2),
        },
        {
          header: t('selection.trade_off.col_lowest_selectable'),
          numeric: true,
          cell: (s) => formatPercent(c, s.lowestSelectable, 2),
        },
        { header: t('selection.trade_off.col_without'), numeric: true, cell: (s) => s.withoutChance },
      ]}
    />
  );
}

/** Two bar charts, one bar per allowed deviation: the lowest chance, and how many have none. */
function StepCharts(props: { c: Ctx; steps: Step[] }) {
  const { c, steps } = props;
  const t = c.var.t;
  const label = (s: Step) => t('selection.trade_off.row_label', { allowed: deviation(c, s.allowed) });
  return (
    <div class="charts">
      <BarChart
        id="trade-off-lowest"
        title={t('selection.trade_off.chart_lowest')}
        // In percent, so that the bars are drawn against at least 1 % rather than a whole chance.
        data={steps.map((s) => ({
          label: label(s),
          value: 100 * s.lowest,
          text: formatPercent(c, s.lowest, 2),
        }))}
      />
      <BarChart
        id="trade-off-without"
        title={t('selection.trade_off.chart_without')}
        data={steps.map((s) => ({ label: label(s), value: s.withoutChance }))}
      />
    </div>
  );
}

function Result(props: { c: Ctx; result: TradeOffJobResult; finishedAt: string | null; stale: boolean }) {
  const { c, result } = props;
  const t = c.var.t;
  const [before, last] = result.steps.slice(-2);
  const stopped = last !== undefined && last.withoutChance === 0 && last.lowest <= before.lowest + 1e-6;
  return (
    <>
      <p>
        {t('selection.trade_off.computed', {
          at: props.finishedAt ? formatTime(c, props.finishedAt) : '–',
          size: result.panelSize,
          pool: result.poolSize,
          seconds: formatNumber(c, result.seconds, 1),
          best: deviation(c, result.best),
        })}
      </p>
      {props.stale ? <p class="warning">{t('selection.trade_off.stale')}</p> : null}
      {/* Point targets leave no panel only when households rule every panel out. */}
      {result.steps.length === 0 ? (
        <p class="warning">{t('selection.trade_off.no_panel')}</p>
      ) : (
        <>
          <StepCharts c={c} steps={result.steps} />
          <StepTable c={c} steps={result.steps} />
        </>
      )}
      {stopped ? <p>{t('selection.trade_off.stopped', { count: result.steps.length })}</p> : null}
    </>
  );
}

function Working(props: { c: Ctx; state: Extract<TradeOffState, { state: 'working' }> }) {
  const { c, state } = props;
  const t = c.var.t;
  const percent = formatPercent(c, Math.min(1, Math.max(0, state.fraction)), 0);
  return (
    <>
      <p>
        <label for="trade-off-progress">{t('selection.trade_off.progress_label')}</label>
      </p>
      <progress id="trade-off-progress" max="100" value={String(Math.round(100 * state.fraction))}>
        {percent}
      </progress>
      <p>{t('selection.trade_off.working', { percent })}</p>
      {state.cancelling ? (
        <p>{t('selection.trade_off.cancelling')}</p>
      ) : (
        <form method="post" action={`${selectionBase(c)}/trade-off/${state.id}/cancel`}>
          <Csrf c={c} />
          <SubmitButton label={t('selection.trade_off.cancel')} secondary />
        </form>
      )}
      {/* Without JavaScript the page reloads itself; written as markup so that it stays out of the head. */}
      {raw('<noscript><meta http-equiv="refresh" content="3"></noscript>')}
    </>
  );
}

/** The latest trade-off; while it is being computed, htmx fetches the page again and swaps this region. */
function TradeOffRegion(props: {
  c: Ctx;
  state: TradeOffState | undefined;
  form: TradeOffForms['tradeOff'];
  /** When the targets were last saved: a trade-off computed before speaks of other targets. */
  targetsSavedAt: string;
}) {
  const { c, state } = props;
  const t = c.var.t;
  const working = state?.state === 'working';
  return (
    <div
      id="trade-off-region"
      aria-busy={working ? 'true' : undefined}
      hx-get={working ? selectionBase(c) : undefined}
      hx-select={working ? '#trade-off-region' : undefined}
      hx-swap={working ? 'outerHTML' : undefined}
      hx-trigger={working ? 'every 2s' : undefined}
    >
      {state === undefined ? <p>{t('selection.trade_off.none')}</p> : null}
      {state?.state === 'working' ? <Working c={c} state={state} /> : null}
      {state?.state === 'done' ? (
        <Result
          c={c}
          result={state.result}
          finishedAt={state.finishedAt}
          stale={props.targetsSavedAt > state.createdAt}
        />
      ) : null}
      {state?.state === 'cancelled' ? <p>{t('selection.trade_off.cancelled')}</p> : null}
      {state?.state === 'failed' ? <p class="warning">{t('selection.trade_off.failed')}</p> : null}
      <ComputeForm c={c} form={props.form} working={working} />
    </div>
  );
}

export interface TradeOffForms {
  tradeOff: { values: FormValues; errors: FieldErrors };
  tolerance: { values: FormValues; errors: FieldErrors };
}

function ComputeForm(props: { c: Ctx; form: TradeOffForms['tradeOff']; working: boolean }) {
  const { c, form } = props;
  const t = c.var.t;
  if (props.working) return null;
  return (
    <form method="post" action={`${selectionBase(c)}/trade-off`} class="stack narrow" novalidate>
      <Csrf c={c} />
      <ErrorSummary
        title={t('errors.summary')}
        errors={form.errors}
        labels={{ tolerances: t('selection.trade_off.tolerances') }}
      />
      <TextField
        name="tolerances"
        label={t('selection.trade_off.tolerances')}
        hint={t('selection.trade_off.tolerances_hint', { max: maxTradeOffSteps })}
        type="number"
        inputmode="numeric"
        min={1}
        max={maxTradeOffSteps}
        value={str(form.values, 'tolerances')}
        error={form.errors.tolerances}
        required
      />
      <SubmitButton label={t('selection.trade_off.compute')} secondary />
    </form>
  );
}

function ToleranceForm(props: { c: Ctx; form: TradeOffForms['tolerance']; current: number }) {
  const { c, form } = props;
  const t = c.var.t;
  return (
    <form method="post" action={`${selectionBase(c)}/tolerance`} class="stack narrow" novalidate>
      <Csrf c={c} />
      <ErrorSummary
        title={t('errors.summary')}
        errors={form.errors}
        labels={{ tolerance: t('selection.trade_off.tolerance') }}
      />
      <p>{t('selection.trade_off.current', { tolerance: deviation(c, props.current) })}</p>
      <TextField
        name="tolerance"
        label={t('selection.trade_off.tolerance')}
        hint={t('selection.trade_off.tolerance_hint')}
        inputmode="text"
        value={str(form.values, 'tolerance')}
        error={form.errors.tolerance}
        required
      />
      <SubmitButton label={t('selection.trade_off.choose')} />
    </form>
  );
}

export function TradeOffSection(props: {
  c: Ctx;
  points: { tolerance: number; tradeOff: TradeOffState | undefined; targetsSavedAt: string };
  forms: TradeOffForms;
}) {
  const { c, points, forms } = props;
  const t = c.var.t;
  return (
    <Section id="trade-off" title={t('selection.trade_off.title')} lead={t('selection.trade_off.lead')}>
      <TradeOffRegion
        c={c}
        state={points.tradeOff}
        form={forms.tradeOff}
        targetsSavedAt={points.targetsSavedAt}
      />
      <ToleranceForm c={c} form={forms.tolerance} current={points.tolerance} />
    </Section>
  );
}

/**
 * Without point targets there is no trade-off section; a trade-off or tolerance form refused for that
 * reason (sent from an older page, say) still says why.
 */
export function TradeOffRefusal(props: { c: Ctx; forms: TradeOffForms }) {
  const { c, forms } = props;
  const t = c.var.t;
  const errors = { ...forms.tradeOff.errors, ...forms.tolerance.errors };
  if (Object.keys(errors).length === 0) return null;
  return (
    <ErrorSummary
      title={t('errors.summary')}
      errors={errors}
      labels={{
        tolerances: t('selection.trade_off.tolerances'),
        tolerance: t('selection.trade_off.tolerance'),
      }}
    />
  );
}
