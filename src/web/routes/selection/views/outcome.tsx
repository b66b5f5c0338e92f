/**
 * How a run ended: its facts, the summary of a finished run with the way on to its public draw, the
 * reason a run failed, and the findings of a run whose targets cannot be met.
 */

import { findingAsTyped, type TargetSettings, typedChange } from '../../../../domain/targets.ts';
import { translateEngineError } from '../../../../i18n/input-errors.ts';
import type { PublicDrawRow } from '../../../../repositories/public-draws.ts';
import type { RunError, RunSettings, SelectionRun } from '../../../../repositories/selection-runs.ts';
import type { SelectionFile } from '../../../../sortition/selection-file.ts';
import type { Ctx } from '../../../env.ts';
import { FindingList, relaxationText } from '../../../views/findings.tsx';
import { Section } from '../../../views/kit.tsx';
import { numberFormat } from '../../../views/time.ts';
import { percentFormat, runTime, selectionBase } from './common.ts';
import type { RunView } from './run-view.ts';

/** A fact term with its value. */
function Fact(props: { term: string; children: unknown }) {
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

export function Facts(props: {
  c: Ctx;
  run: SelectionRun;
  settings: RunSettings;
  file: SelectionFile | null;
}) {
  const { c, run, settings, file } = props;
  const t = c.var.t;
  const decimals = numberFormat(c, 4);
  return (
    <dl class="facts">
      <Fact term={t('selection.col_kind')}>{t(`selection.kind_${run.kind}`)}</Fact>
      <Fact term={t('selection.col_algorithm')}>{t(`selection.algorithm_${settings.algorithm}`)}</Fact>
      <Fact term={t('selection.panel_size')}>{settings.panelSize}</Fact>
      <Fact term={t('selection.col_pool')}>{settings.poolSize}</Fact>
      {settings.keep.length > 0 ? <Fact term={t('selection.kept')}>{settings.keep.length}</Fact> : null}
      <Fact term={t('selection.lottery_size')}>{settings.lotterySize ?? t('selection.no_lottery')}</Fact>
      {file?.deviation ? (
        <Fact term={t('selection.trade_off.allowed_fact')}>
          {t('selection.trade_off.allowed_value', {
            allowed: decimals.format(file.deviation.allowed),
            best: decimals.format(file.deviation.best),
            tolerance: decimals.format(Math.max(0, file.deviation.allowed - file.deviation.best)),
          })}
        </Fact>
      ) : null}
      {file?.lottery ? (
        <Fact term={t('selection.lottery_deviation')}>{decimals.format(file.lottery.maxDeviation)}</Fact>
      ) : null}
      {settings.seed ? (
        <Fact term={t('selection.seed')}>
          <code>{settings.seed}</code>
        </Fact>
      ) : null}
      <Fact term={t('selection.engine_version')}>{run.engine_version}</Fact>
      <Fact term={t('selection.created')}>{runTime(c, run.created_at)}</Fact>
      <Fact term={t('selection.started')}>{runTime(c, run.started_at)}</Fact>
      <Fact term={t('selection.finished')}>{runTime(c, run.finished_at)}</Fact>
      {file ? <Fact term={t('selection.seconds')}>{decimals.format(file.run.stats.seconds)}</Fact> : null}
    </dl>
  );
}

/** The lowest and highest chance of the people who have one and are not kept. */
function chances(file: SelectionFile): { min: number; max: number; count: number } {
  const kept = new Set(file.input.keep);
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  let count = 0;
  for (const person of file.input.people) {
    const p = file.probabilities[person.id] ?? 0;
    if (p <= 0 || kept.has(person.id)) continue;
    count++;
    min = Math.min(min, p);
    max = Math.max(max, p);
  }
  return { min, max, count };
}

/** The way on from a finished run: its public draw, and the selection file. */
function NextSteps(props: {
  c: Ctx;
  run: SelectionRun;
  file: SelectionFile;
  draw: PublicDrawRow | undefined;
}) {
  const { c, run, file, draw } = props;
  const t = c.var.t;
  const drawBase = `/a/${c.var.assembly.id}/draw`;
  return (
    <p class="actions">
      {draw ? (
        <a class="button" href={`${drawBase}/${draw.id}`}>
          {t('selection.to_draw_existing')}
        </a>
      ) : file.lottery ? (
        <a class="button" href={`${drawBase}?run=${encodeURIComponent(run.id)}#announce`}>
          {t('selection.to_draw')}
        </a>
      ) : null}
      <a class="button secondary" href={`${selectionBase(c)}/${run.id}/result.json`} download>
        {t('selection.download')}
      </a>
    </p>
  );
}

/** The few facts an organiser needs first, and where to go next: the public draw of this run. */
export function Summary(props: RunView & { draw: PublicDrawRow | undefined }) {
  const { c, file } = props;
  const t = c.var.t;
  const pct = percentFormat(c, 2);
  const kept = new Set(file.input.keep).size;
  const { min, max, count } = chances(file);
  return (
    <Section id="summary" title={t('selection.summary_title')}>
      <ul>
        <li>
          {t('selection.summary_pool', {
            count: file.input.people.length,
            size: file.input.panelSize,
            algorithm: t(`selection.algorithm_${file.algorithm}`),
          })}
        </li>
        {count > 0 ? (
          <li>
            {t('selection.probability_summary', {
              count,
              min: pct.format(100 * min),
              max: pct.format(100 * max),
            })}
          </li>
        ) : null}
        {kept > 0 ? <li>{t('selection.kept_note', { count: kept })}</li> : null}
        <li>
          {file.excluded.length === 0
            ? t('selection.excluded_none')
            : t('selection.summary_excluded', { count: file.excluded.length })}
        </li>
        {file.lottery ? <li>{t('selection.summary_lottery', { count: file.lottery.size })}</li> : null}
      </ul>
      <NextSteps c={c} run={props.run} file={file} draw={props.draw} />
      <p class="hint">{t('selection.download_hint')}</p>
    </Section>
  );
}

/** The engine's own words on a failed run: in the reader's language when the engine gave a code. */
function FailureDetail(props: { c: Ctx; error: RunError; message: string }) {
  const { c, error, message } = props;
  const detail = error.input
    ? translateEngineError(c.var.t, { ...error.input, message })
    : { text: message, translated: false };
  return <p lang={detail.translated ? undefined : 'en'}>{detail.text}</p>;
}

export function Failure(props: { c: Ctx; run: SelectionRun }) {
  const { c } = props;
  const t = c.var.t;
  const error: RunError = props.run.error ?? { code: 'engine' };
  const mb = numberFormat(c, 2);
  return (
    <div class="warning">
      <p>
        {error.code === 'too_large' && error.params
          ? t('selection.error_too_large', {
              size: mb.format(error.params.bytes / 1e6),
              limit: mb.format(error.params.limit / 1e6),
            })
          : t(`selection.error_${error.code}`)}
      </p>
      {error.message ? <FailureDetail c={c} error={error} message={error.message} /> : null}
    </div>
  );
}

export function Infeasible(props: RunView) {
  const { c, file, questions, references, settings } = props;
  const t = c.var.t;
  // Advice in the unit the organiser typed: the targets the run used, when the run stored them.
  const typed: TargetSettings | undefined = settings.targetsDefinition && {
    kind: settings.targetsKind,
    definition: settings.targetsDefinition,
    population: settings.population,
  };
  const size = file.input.panelSize;
  return (
    <Section id="infeasible" title={t('selection.infeasible_title')}>
      <div class="warning">
        <p>{t('selection.infeasible_lead')}</p>
        <FindingList
          t={t}
          lang={c.var.lang}
          questions={questions}
          findings={typed ? file.diagnostics.map((f) => findingAsTyped(typed, f, size)) : file.diagnostics}
          names={(id) => references.get(id) ?? id}
        />
        {file.relaxation && file.relaxation.length > 0 ? (
          <>
            <p>{t('targets.check_relaxation')}</p>
            <ul>
              {file.relaxation.map((r) => (
                <li>
                  {relaxationText(
                    t,
                    c.var.lang,
                    questions,
                    r,
                    typed && typedChange(typed, r.feature, r.value, r.bound, r.to, size),
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      <p>
        <a href={`/a/${c.var.assembly.id}/targets`}>{t('selection.to_targets')}</a>
      </p>
    </Section>
  );
}

/** A long part of the result page, folded under its heading; the summary above says what is in it. */
export function Fold(props: { id: string; title: string; open?: boolean; children: unknown }) {
  return (
    <details class="fold" id={props.id} open={props.open}>
      <summary>
        <h2 id={`${props.id}-heading`}>{props.title}</h2>
      </summary>
      {props.children}
    </details>
  );
}
