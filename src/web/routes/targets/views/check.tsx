/**
 * The top of the targets page: whether a panel can meet the targets, how many problems there are,
 * the unit the targets are given in and what they were checked against.
 */
import type { Question } from '../../../../domain/questions.ts';
import {
  findingAsTyped,
  type TargetKind,
  type TargetSettings,
  typedChange,
} from '../../../../domain/targets.ts';
import { translateEngineError } from '../../../../i18n/input-errors.ts';
import type { TargetCheck } from '../../../../queries/targets.ts';
import type { Ctx } from '../../../env.ts';
import { findingText, relaxationText } from '../../../views/findings.tsx';
import { Section } from '../../../views/kit.tsx';
import { formatTime } from '../../../views/time.ts';

/** What the check compared the targets with, in a sentence or three (see CheckBasis). */
function BasisText(props: { c: Ctx; check: TargetCheck }) {
  const { c, check } = props;
  const t = c.var.t;
  const basis = check.basis;
  const base = `/a/${c.var.assembly.id}/targets`;
  if (basis.kind === 'run') {
    return (
      <>
        <p>
          {t('targets.basis_run', {
            date: formatTime(c, basis.finishedAt),
            pool: check.pool.length,
            size: check.panelSize,
          })}
        </p>
        <p>
          {basis.left > 0 ? t('targets.basis_run_left', { count: basis.left }) : null}
          {basis.left > 0 && basis.joined > 0 ? ' ' : null}
          {basis.joined > 0 ? t('targets.basis_run_joined', { count: basis.joined }) : null}{' '}
          <a href={`${base}?against=pool#check`}>
            {t('targets.basis_against_pool', { count: basis.current })}
          </a>
        </p>
      </>
    );
  }
  return (
    <p>
      {t('targets.basis_pool', { pool: check.pool.length, size: check.panelSize })}
      {basis.lastRun && basis.lastRun.pool !== check.pool.length ? (
        <>
          {' '}
          {t('targets.basis_last_run', {
            date: formatTime(c, basis.lastRun.finishedAt),
            count: basis.lastRun.pool,
          })}
        </>
      ) : null}
    </p>
  );
}

/** The advice of a check that found no panel: the smallest change, then findings about no answer in particular. */
function Infeasible(props: { c: Ctx; check: TargetCheck; settings: TargetSettings; questions: Question[] }) {
  const { c, check, settings } = props;
  const t = c.var.t;
  const report = check.report;
  if (!report) return null;
  const pool = check.pool.length;
  const size = check.panelSize;
  const general = report.findings
    .filter((f) => f.category === '*')
    .map((f) => findingAsTyped(settings, f, size));
  const infeasible = check.basis.kind === 'run' ? 'targets.check_infeasible_run' : 'targets.check_infeasible';
  return (
    <div class="warning">
      <p>
        <strong>{t(infeasible, { pool, size })}</strong>
      </p>
      {report.relaxation && report.relaxation.length > 0 ? (
        <>
          <p>{t('targets.check_relaxation')}</p>
          <ul>
            {report.relaxation.map((r) => (
              <li>
                {relaxationText(
                  t,
                  c.var.lang,
                  props.questions,
                  r,
                  typedChange(settings, r.feature, r.value, r.bound, r.to, size),
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {general.length > 0 ? (
        <ul>
          {general.map((f) => {
            const text = findingText(t, c.var.lang, f);
            return (
              <li>
                {text.message}
                {text.suggestion ? <> {text.suggestion}</> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

/** Whether a panel can meet the targets, or why the check could not tell. */
function CheckStatus(props: { c: Ctx; check: TargetCheck; settings: TargetSettings; questions: Question[] }) {
  const { c, check } = props;
  const t = c.var.t;
  const pool = check.pool.length;
  const size = check.panelSize;
  const against = check.basis.kind === 'run' ? 'targets.check_ok_run' : 'targets.check_ok';
  if (!check.checked) return <p>{t('targets.check_not_yet')}</p>;
  if (pool === 0) return <p class="warning">{t('targets.check_no_pool')}</p>;
  if (pool < size) return <p class="warning">{t('targets.check_pool_small', { pool, size })}</p>;
  if (check.inputError) {
    const detail = translateEngineError(t, check.inputError);
    return (
      <div class="warning">
        <p>{t('targets.check_input_error')}</p>
        <p lang={detail.translated ? undefined : 'en'}>{detail.text}</p>
      </div>
    );
  }
  if (!check.report) return <p class="warning">{t('targets.check_no_targets')}</p>;
  if (check.report.feasible) return <p class="notice">{t(against, { pool, size })}</p>;
  return <Infeasible {...props} />;
}

/**
 * The top of the page: whether a panel can meet the targets, how many problems there are, the unit
 * the targets are given in and what they were checked against; then the smallest change that helps
 * and the findings about no answer in particular. The details sit with each question below.
 */
export function CheckSummary(props: {
  c: Ctx;
  check: TargetCheck | null | undefined;
  settings: TargetSettings;
  kind: TargetKind;
  questions: Question[];
  problems: number;
}) {
  const { c, check } = props;
  const t = c.var.t;
  if (!check) return null;
  return (
    <Section id="check" title={t('targets.check_title')} class="targets-summary">
      <CheckStatus c={c} check={check} settings={props.settings} questions={props.questions} />
      <dl class="facts">
        <dt>{t('targets.kind')}</dt>
        <dd>{t(`targets.kind_${props.kind}`)}</dd>
        {check.checked && check.report ? (
          <>
            <dt>{t('targets.summary_problems')}</dt>
            <dd>
              {props.problems === 0
                ? t('targets.summary_no_problems')
                : t('targets.summary_problem_count', { count: props.problems })}
            </dd>
          </>
        ) : null}
        <dt>{t('targets.summary_against')}</dt>
        <dd>
          <BasisText c={c} check={check} />
        </dd>
      </dl>
    </Section>
  );
}
