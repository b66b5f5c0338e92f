/** The public verification page: every check redone from the stored data, with a verdict on top. */
import { type DrawCheck, drandRoundUrl, timeParams } from '../../../../domain/public-draw.ts';
import type { DrawContext } from '../../../../queries/draw.ts';
import type { CheckProblem } from '../../../../sortition/check-problems.ts';
import type { Ctx } from '../../../env.ts';
import { formatTime } from '../../../views/time.ts';
import { Downloads } from './public-pages.tsx';

/** One problem the verification found, in the reader's language (an error's own detail stays as it is). */
function problemText(c: Ctx, problem: CheckProblem): string {
  const t = c.var.t;
  const text = t(`draw_problems.${problem.code}`, problem.params);
  return problem.panel === undefined
    ? text
    : t('draw_problems.in_panel', { panel: problem.panel, problem: text });
}

function CheckItem(props: { c: Ctx; check: DrawCheck }) {
  const { c, check } = props;
  const t = c.var.t;
  const params: Record<string, string | number> = { ...check.params };
  for (const key of timeParams) {
    const v = params[key];
    if (typeof v === 'string' && v) params[key] = formatTime(c, v);
  }
  return (
    <li>
      <strong>{check.ok ? t('draw.passed') : t('draw.failed')}</strong>{' '}
      {t(`draw.check.${check.key}_${check.ok ? 'ok' : 'failed'}`, params)}
      {check.details.length > 0 ? (
        <details>
          <summary>{t('draw.check_details', { count: check.details.length })}</summary>
          <ul>
            {check.details.slice(0, 50).map((d) => (
              <li>{problemText(c, d)}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

export function VerifyPage(props: {
  c: Ctx;
  title: string;
  /** The public page of the draw. */
  path: string;
  context: DrawContext;
  checks: DrawCheck[];
}) {
  const { c, context, checks, path } = props;
  const { draw, plan } = context;
  const t = c.var.t;
  const failed = checks.filter((ch) => !ch.ok).length;
  return (
    <>
      <h1>{props.title}</h1>
      <p>
        <a href={path}>{t('draw.back_to_draw')}</a>
      </p>
      <p role="status" class={failed === 0 ? 'notice' : 'warning'} id="verdict">
        {failed === 0
          ? t(draw.transcript ? 'draw.verdict_ok' : 'draw.verdict_ok_not_drawn')
          : t('draw.verdict_failed', { count: failed })}
      </p>
      <p>{t('draw.verify_lead')}</p>
      <ul class="checks" id="checks">
        {checks.map((check) => (
          <CheckItem c={c} check={check} />
        ))}
      </ul>
      {plan.source === 'drand' && draw.seed ? (
        <p>
          {t('draw.verify_beacon')} <a href={drandRoundUrl(plan.round)}>{drandRoundUrl(plan.round)}</a>
        </p>
      ) : null}
      <h2>{t('draw.verify_offline')}</h2>
      <Downloads c={c} path={path} context={context} />
      <p>
        {draw.kind === 'panel' ? (
          <>
            {t('draw.verify_yourself')} <code>{t('draw.cli_verify')}</code>
          </>
        ) : (
          t('draw.verify_reserves_yourself')
        )}
      </p>
    </>
  );
}
