/**
 * One draw as the organiser sees it: the announcement, the form entering the randomness once, and
 * then the drawn panel (with names, for whoever may see them) and the reserve list that follows it.
 */
import { drandRoundTime, drandRoundUrl, type RandomnessPlan } from '../../../../domain/public-draw.ts';
import type { DrawContext, StaffDrawView } from '../../../../queries/draw.ts';
import type { Assembly } from '../../../../repositories/assemblies.ts';
import type { DrawnPerson } from '../../../../repositories/public-draws.ts';
import type { DrawTranscript } from '../../../../sortition/draw.ts';
import type { Ctx } from '../../../env.ts';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../views/forms.tsx';
import { type Column, DataTable, Section } from '../../../views/kit.tsx';
import { formatNumber, formatTime } from '../../../views/time.ts';
import { DrawStatus, drawBase, Hex, planText, publicPath, Time } from './parts.tsx';
import { PlanFields, planLabels } from './plan-form.tsx';

/** What the page shows again after a refused form: what was typed and why. */
export interface DrawPageForm {
  randomness?: string;
  errors?: FieldErrors;
  reserves?: { values: FormValues; errors: FieldErrors };
}

export interface DrawPageProps {
  c: Ctx;
  assembly: Assembly;
  view: StaffDrawView;
  form: DrawPageForm;
  /** Whether the viewer may see the drawn people's names. */
  showNames: boolean;
  /** The public page's full address, to hand on. */
  publicUrl: string;
  nowMillis: number;
}

function PeopleTable(props: {
  c: Ctx;
  assembly: Assembly;
  references: string[];
  people: Map<string, DrawnPerson>;
  caption: string;
  showNames: boolean;
  numbered?: boolean;
}) {
  const { c, people } = props;
  const t = c.var.t;
  const peopleBase = `/a/${props.assembly.id}/people`;
  const columns: Column<string>[] = [];
  if (props.numbered)
    columns.push({ header: t('draw.position'), numeric: true, cell: (_, i) => formatNumber(c, i + 1) });
  columns.push({
    header: t('draw.reference'),
    rowHeader: true,
    cell: (reference) => {
      const person = people.get(reference);
      return person ? <a href={`${peopleBase}/${person.id}`}>{reference}</a> : reference;
    },
  });
  if (props.showNames)
    columns.push({
      header: t('draw.name'),
      cell: (reference) => {
        const person = people.get(reference);
        return person?.erased_at ? t('draw.erased') : (person?.full_name ?? '');
      },
    });
  columns.push({
    header: t('draw.person_status'),
    cell: (reference) => {
      const person = people.get(reference);
      return person ? t(`status.${person.status}`, { defaultValue: person.status }) : '';
    },
  });
  return <DataTable caption={props.caption} rows={props.references} columns={columns} />;
}

function PanelResult(props: DrawPageProps & { transcript: DrawTranscript }) {
  const { c, transcript, view } = props;
  const t = c.var.t;
  const notSelected = transcript.members.filter((r) => {
    const status = view.people.get(r)?.status;
    return status !== 'selected' && status !== 'confirmed';
  });
  return (
    <Section id="draw-result" title={t('draw.result_panel')}>
      <p>
        {t('draw.drawn_index', {
          index: transcript.index,
          size: formatNumber(c, transcript.selection.lottery.panels.length),
        })}
      </p>
      {notSelected.length > 0 ? (
        <p class="warning">{t('draw.not_selected', { references: notSelected.join(', ') })}</p>
      ) : null}
      <PeopleTable
        c={c}
        assembly={props.assembly}
        references={transcript.members}
        people={view.people}
        showNames={props.showNames}
        caption={t('draw.members_caption', { count: transcript.members.length })}
      />
    </Section>
  );
}

function ReservesAnnouncement(props: DrawPageProps) {
  const { c, view } = props;
  const t = c.var.t;
  const reservesForm = props.form.reserves ?? {
    values: { source: 'drand', rolls: '20', sides: '10' },
    errors: {},
  };
  const base = `${drawBase(props.assembly)}/${view.context.draw.id}`;
  return (
    <Section id="draw-reserves" title={t('draw.reserves_heading')}>
      <ErrorSummary title={t('errors.summary')} errors={reservesForm.errors} labels={planLabels(c)} />
      {view.reservesDraw ? (
        <p>
          <a href={`${drawBase(props.assembly)}/${view.reservesDraw.id}`}>{t('draw.reserves_open')}</a>
        </p>
      ) : (
        <form method="post" action={`${base}/reserves`} class="stack" novalidate>
          <Csrf c={c} />
          <p>{t('draw.reserves_lead')}</p>
          <PlanFields
            c={c}
            values={reservesForm.values}
            errors={reservesForm.errors}
            nowMillis={props.nowMillis}
          />
          <SubmitButton label={t('draw.check_announcement')} />
        </form>
      )}
    </Section>
  );
}

function ReservesResult(props: DrawPageProps & { order: string[] }) {
  const { c, order } = props;
  const t = c.var.t;
  return (
    <Section id="draw-result" title={t('draw.result_reserves')}>
      <p>{t('draw.reserves_order_lead')}</p>
      <PeopleTable
        c={c}
        assembly={props.assembly}
        references={order}
        people={props.view.people}
        showNames={props.showNames}
        caption={t('draw.reserves_caption', { count: order.length })}
        numbered
      />
    </Section>
  );
}

function DrawFacts(props: DrawPageProps) {
  const { c, view } = props;
  const { draw, plan } = view.context;
  const t = c.var.t;
  return (
    <dl class="facts">
      <dt>{t('draw.public_page')}</dt>
      <dd>
        <a href={publicPath(props.assembly, draw.id)}>{props.publicUrl}</a>
      </dd>
      <dt>{t('draw.announced')}</dt>
      <dd>
        <Time c={c} at={draw.published_at} />
      </dd>
      <dt>{t('draw.commitment')}</dt>
      <dd>
        <Hex value={draw.commitment} id="commitment" />
      </dd>
      <dt>{t('draw.randomness')}</dt>
      <dd>{planText(c, plan)}</dd>
      <dt>{t('draw.status')}</dt>
      <dd>
        <DrawStatus c={c} draw={draw} />
      </dd>
      {draw.seed ? (
        <>
          <dt>{t('draw.seed')}</dt>
          <dd>
            <code id="seed">{draw.seed}</code>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function randomnessLabel(c: Ctx, plan: RandomnessPlan): string {
  return plan.source === 'drand'
    ? c.var.t('draw.randomness_drand', { round: plan.round })
    : c.var.t('draw.randomness_dice', { rolls: plan.rolls });
}

function RandomnessField(props: { c: Ctx; plan: RandomnessPlan; value?: string; error?: string }) {
  const { c, plan } = props;
  const t = c.var.t;
  if (plan.source === 'dice')
    return (
      <TextField
        name="randomness"
        label={randomnessLabel(c, plan)}
        hint={t('draw.randomness_dice_hint', {
          min: plan.sides === 10 ? 0 : 1,
          max: plan.sides === 10 ? 9 : 6,
        })}
        inputmode="numeric"
        value={props.value}
        error={props.error}
      />
    );
  return (
    <>
      <p>
        {t('draw.enter_drand', { round: plan.round, at: formatTime(c, drandRoundTime(plan.round)) })}{' '}
        <a href={drandRoundUrl(plan.round)}>{drandRoundUrl(plan.round)}</a>
      </p>
      <TextArea
        name="randomness"
        label={randomnessLabel(c, plan)}
        hint={t('draw.randomness_drand_hint')}
        value={props.value}
        error={props.error}
        rows={3}
      />
    </>
  );
}

function SeedForm(props: DrawPageProps) {
  const { c, view, form } = props;
  const { draw, plan } = view.context;
  const t = c.var.t;
  const errors = form.errors ?? {};
  return (
    <Section id="draw-enter" title={t('draw.enter_heading')}>
      <form method="post" action={`${drawBase(props.assembly)}/${draw.id}/seed`} class="stack" novalidate>
        <Csrf c={c} />
        <ErrorSummary
          title={t('errors.summary')}
          errors={errors.randomness ? errors : {}}
          labels={{ randomness: randomnessLabel(c, plan) }}
        />
        <RandomnessField c={c} plan={plan} value={form.randomness} error={errors.randomness} />
        <p class="warning">{t('draw.once_warning')}</p>
        <SubmitButton label={t('draw.draw_button')} />
      </form>
    </Section>
  );
}

function Drawn(props: DrawPageProps & { context: DrawContext }) {
  const { context } = props;
  if (context.panelTranscript)
    return (
      <>
        <PanelResult {...props} transcript={context.panelTranscript} />
        <ReservesAnnouncement {...props} />
      </>
    );
  if (context.reservesTranscript)
    return <ReservesResult {...props} order={context.reservesTranscript.order} />;
  return null;
}

export function DrawPage(props: DrawPageProps) {
  const { c, view } = props;
  const { draw } = view.context;
  const t = c.var.t;
  const errors = props.form.errors ?? {};
  return (
    <>
      <ErrorSummary title={t('errors.summary')} errors={errors.randomness ? {} : errors} labels={{}} />
      <DrawFacts {...props} />
      {draw.seed === null ? <SeedForm {...props} /> : null}
      <Drawn {...props} context={view.context} />
      <p class="actions">
        <a href={`${publicPath(props.assembly, draw.id)}/verify`}>{t('draw.verify_link')}</a>
        <a href={drawBase(props.assembly)}>{t('draw.back')}</a>
      </p>
    </>
  );
}
