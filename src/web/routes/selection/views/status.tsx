/**
 * A run's status and progress: one progress bar over all its stages, the stages with their state,
 * and the cancel button. htmx swaps the region's inside every second while the run is going on.
 */
import { raw } from 'hono/html';
import type { RunPhase, RunProgress, SelectionRun } from '../../../../repositories/selection-runs.ts';
import type { Algorithm } from '../../../../sortition/model.ts';
import type { Ctx } from '../../../env.ts';
import { Csrf, SubmitButton } from '../../../views/forms.tsx';
import { Section } from '../../../views/kit.tsx';
import { numberFormat } from '../../../views/time.ts';
import { selectionBase } from './common.ts';

/** Where each stage sits on the one progress bar; the stage's fraction moves within it. */
const phaseSpan: Record<RunPhase, [number, number]> = {
  start: [0, 2],
  prepare: [2, 5],
  'initial-panels': [5, 30],
  leximin: [30, 90],
  maximin: [30, 90],
  nash: [30, 90],
  legacy: [5, 90],
  decompose: [90, 97],
  done: [97, 97],
  save: [97, 100],
};

function overallPercent(progress: RunProgress | null): number {
  if (!progress) return 0;
  const [from, to] = phaseSpan[progress.phase] ?? [0, 100];
  return Math.round(from + Math.min(1, Math.max(0, progress.fraction)) * (to - from));
}

/** The stages a run of this algorithm goes through, in order ('done' is the end of the engine's part). */
function runStages(algorithm: Algorithm): RunPhase[] {
  if (algorithm === 'legacy') return ['start', 'prepare', 'legacy', 'save'];
  return ['start', 'prepare', 'initial-panels', algorithm, 'decompose', 'save'];
}

function phaseLabel(c: Ctx, phase: RunPhase): string {
  return c.var.t(`selection.phase_${phase.replace('-', '_')}`);
}

/** Each stage with its state, so that a short run still shows where it is and what comes next. */
function Stages(props: { c: Ctx; algorithm: Algorithm; progress: RunProgress | null }) {
  const { c, algorithm, progress } = props;
  const t = c.var.t;
  const stages = runStages(algorithm);
  // 'done' means the engine has finished: everything before storing the result is done.
  const phase = progress?.phase === 'done' ? 'save' : (progress?.phase ?? 'start');
  const current = Math.max(0, stages.indexOf(phase));
  const percent = numberFormat(c);
  return (
    <ol class="stages">
      {stages.map((stage, i) => (
        <li aria-current={i === current ? 'step' : undefined}>
          {i < current
            ? t('selection.stage_done', { stage: phaseLabel(c, stage) })
            : i === current
              ? t('selection.stage_current', {
                  stage: phaseLabel(c, stage),
                  percent: percent.format(100 * Math.min(1, Math.max(0, progress?.fraction ?? 0))),
                })
              : t('selection.stage_waiting', { stage: phaseLabel(c, stage) })}
        </li>
      ))}
    </ol>
  );
}

/** The inside of the status region: what htmx swaps in every second. */
export function StatusContent(props: { c: Ctx; run: SelectionRun }) {
  const { c, run } = props;
  const t = c.var.t;
  const progress = run.progress;
  const percent = overallPercent(progress);
  return (
    <>
      <p>
        {t('selection.status')}: <strong>{t(`selection.status_${run.status}`)}</strong>
      </p>
      {run.active ? (
        <>
          <p>
            <label for="run-progress">
              {t('selection.progress_label', {
                phase: phaseLabel(c, progress?.phase ?? (run.status === 'queued' ? 'start' : 'prepare')),
              })}
            </label>
          </p>
          <progress id="run-progress" max="100" value={String(percent)}>
            {t('selection.percent', { percent })}
          </progress>
          <p>{t('selection.percent', { percent })}</p>
          <Stages c={c} algorithm={run.settings.algorithm} progress={progress} />
          {run.cancel_requested ? (
            <p>{t('selection.cancelling')}</p>
          ) : (
            <form method="post" action={`${selectionBase(c)}/${run.id}/cancel`}>
              <Csrf c={c} />
              <SubmitButton label={t('selection.cancel')} secondary />
            </form>
          )}
          {/* Without JavaScript the page reloads itself. Written as markup: hono/jsx would move a <meta>
              element into the head, where it would reload the page for everyone. */}
          {raw('<noscript><meta http-equiv="refresh" content="2"></noscript>')}
        </>
      ) : null}
    </>
  );
}

export function StatusRegion(props: { c: Ctx; run: SelectionRun }) {
  const { c, run } = props;
  const active = run.active;
  const url = `${selectionBase(c)}/${run.id}`;
  return (
    <Section id="status" title={c.var.t('selection.status_title')}>
      {/* htmx swaps the inside every second and reloads the page once the run has ended. */}
      <div
        id="run-status"
        aria-busy={active ? 'true' : undefined}
        hx-get={active ? url : undefined}
        hx-trigger={active ? 'every 1s' : undefined}
        hx-swap={active ? 'innerHTML' : undefined}
      >
        <StatusContent c={c} run={run} />
      </div>
    </Section>
  );
}
