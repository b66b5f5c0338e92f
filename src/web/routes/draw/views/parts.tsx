/**
 * Parts the organiser's and the public draw pages share: times, long hex values, how the randomness
 * is announced, what a draw is called, its status, and where its pages are.
 */
import { drandRoundTime, drandRoundUrl, type RandomnessPlan } from '../../../../domain/public-draw.ts';
import type { Assembly } from '../../../../repositories/assemblies.ts';
import type { Ctx } from '../../../env.ts';
import { formatTime } from '../../../views/time.ts';

export function Time(props: { c: Ctx; at: string }) {
  return <time datetime={props.at}>{formatTime(props.c, props.at)}</time>;
}

/** A long hex value that may wrap on a phone; copying it still gives one unbroken string. */
export function Hex(props: { value: string; id?: string }) {
  const groups = props.value.match(/.{1,16}/g) ?? [];
  return (
    <code id={props.id}>
      {groups.map((g, i) => (
        <>
          {i > 0 ? <wbr /> : null}
          {g}
        </>
      ))}
    </code>
  );
}

export function planText(c: Ctx, plan: RandomnessPlan): string {
  const t = c.var.t;
  return plan.source === 'drand'
    ? t('draw.plan_drand', { round: plan.round, at: formatTime(c, drandRoundTime(plan.round)) })
    : t('draw.plan_dice', { rolls: plan.rolls, sides: plan.sides });
}

export function PlanDescription(props: { c: Ctx; plan: RandomnessPlan }) {
  const { c, plan } = props;
  const t = c.var.t;
  return (
    <>
      <p>{planText(c, plan)}</p>
      {plan.source === 'drand' ? (
        <p>
          {t('draw.plan_drand_where')} <a href={drandRoundUrl(plan.round)}>{drandRoundUrl(plan.round)}</a>
        </p>
      ) : null}
    </>
  );
}

export function kindTitle(c: Ctx, kind: string, runKind?: string): string {
  if (kind === 'reserves') return c.var.t('draw.kind_reserves');
  return c.var.t(runKind === 'replacement' ? 'draw.kind_replacement' : 'draw.kind_panel');
}

export function DrawStatus(props: { c: Ctx; draw: { drawn_at: string | null } }) {
  const { c, draw } = props;
  return draw.drawn_at ? (
    <>
      {c.var.t('draw.status_drawn')} <Time c={c} at={draw.drawn_at} />
    </>
  ) : (
    c.var.t('draw.status_waiting')
  );
}

export function drawBase(assembly: Assembly): string {
  return `/a/${assembly.id}/draw`;
}

export function publicPath(assembly: Assembly, drawId: string): string {
  return `/public/${encodeURIComponent(assembly.slug)}/draw/${drawId}`;
}

export function publicListPath(assembly: Assembly): string {
  return `/public/${encodeURIComponent(assembly.slug)}/draw`;
}
