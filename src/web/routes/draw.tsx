/**
 * The public draw: the organiser announces a draw from a finished selection run's lottery (the
 * commitment and how the randomness will be produced), enters the public randomness once, and sees the
 * drawn panel with names; then the same for an ordered reserve list. The public pages show the same
 * draws with P-references only, offer the files `lotta commit` and `lotta verify` check, and a page
 * that redoes every check from the stored data.
 */
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { CommandError } from '../../commands/command.ts';
import {
  enterDrawRandomness,
  type PreparedDraw,
  previewPanelDraw,
  previewReservesDraw,
  publishPanelDraw,
  publishReservesDraw,
} from '../../commands/public-draws.ts';
import {
  commitmentFileFormat,
  type DrawCheck,
  type DrawKind,
  diceRolls,
  drandLatestRound,
  drandRoundTime,
  drandRoundUrl,
  lotteryOfRunResult,
  lotteryOfSelectionFile,
  panelDrawChecks,
  parsePlan,
  publicSelection,
  type RandomnessPlan,
  reservesDrawChecks,
  type StoredDraw,
  timeParams,
} from '../../domain/public-draw.ts';
import { can } from '../../domain/roles.ts';
import type { Assembly } from '../../repositories/assemblies.ts';
import { findAssemblyBySlug } from '../../repositories/assemblies.ts';
import {
  type DrawnPerson,
  findDrawOfRun,
  findPublicDraw,
  listFinishedRuns,
  listPublicDraws,
  type PublicDrawRow,
  peopleByReference,
  referencesOf,
} from '../../repositories/public-draws.ts';
import { findRunResult } from '../../repositories/selection-runs.ts';
import type { LotterySelection } from '../../sortition/commitment.ts';
import type { DrawTranscript } from '../../sortition/draw.ts';
import {
  RESERVES_COMMITMENT_FORMAT,
  type ReserveCandidates,
  type ReservesTranscript,
  reserveCandidates,
} from '../../sortition/reserves.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { needs, publicAccess, type Route } from '../routing.ts';
import { textFields } from '../validation.ts';
import { assemblyTitle, renderAssemblyPage } from '../views/assembly-frame.tsx';
import { errorPage } from '../views/errors.tsx';
import {
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  SubmitButton,
  str,
  TextArea,
  TextField,
} from '../views/forms.tsx';
import { render } from '../views/layout.tsx';
import { formatNumber, formatTime } from '../views/time.ts';

/* ---------------------------------------------------------------------------------------------- */
/* Formatting                                                                                       */

function Time(props: { c: Ctx; at: string }) {
  return <time datetime={props.at}>{formatTime(props.c, props.at)}</time>;
}

/** A long hex value that may wrap on a phone; copying it still gives one unbroken string. */
function Hex(props: { value: string; id?: string }) {
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

function planText(c: Ctx, plan: RandomnessPlan): string {
  const t = c.var.t;
  return plan.source === 'drand'
    ? t('draw.plan_drand', { round: plan.round, at: formatTime(c, drandRoundTime(plan.round)) })
    : t('draw.plan_dice', { rolls: plan.rolls, sides: plan.sides });
}

function PlanDescription(props: { c: Ctx; plan: RandomnessPlan }) {
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

function kindTitle(c: Ctx, kind: string, runKind?: string): string {
  if (kind === 'reserves') return c.var.t('draw.kind_reserves');
  return c.var.t(runKind === 'replacement' ? 'draw.kind_replacement' : 'draw.kind_panel');
}

/** A command's refusal as a message; `at` parameters are times to show in the page language. */
function refusalText(c: Ctx, error: CommandError): string {
  if (error.code === 'not_found') return c.var.t('errors.not_found');
  // Every problem with the field at once (e.g. each bad dice roll and the missing ones), in order.
  return [error, ...error.also].map((problem) => problemText(c, problem.code, problem.params)).join(' ');
}

function problemText(c: Ctx, code: string, given: Record<string, string | number>): string {
  const params: Record<string, string | number> = { ...given };
  if (typeof params.at === 'string') params.at = formatTime(c, params.at);
  // Round numbers stay unformatted: they are typed into the beacon's address as they are.
  for (const key of ['min', 'max', 'typed', 'rolls']) {
    const value = params[key];
    if (typeof value === 'number') params[key] = formatNumber(c, value);
  }
  // `count` stays a number so that i18next picks the singular or plural form.
  return c.var.t(`draw.error.${code}`, params);
}

/* ---------------------------------------------------------------------------------------------- */
/* Loading a draw with what it refers to                                                            */

interface DrawContext {
  draw: PublicDrawRow;
  plan: RandomnessPlan;
  stored: StoredDraw;
  /** The run's lottery as published, rebuilt now from the stored run; null when gone. */
  current: LotterySelection | null;
  /** Panel draws: the stored transcript once drawn. */
  panelTranscript: DrawTranscript | null;
  /** Reserve draws: the panel draw they follow and its transcript. */
  panelDraw: PublicDrawRow | null;
  /** Reserve draws: the candidates rebuilt now from the stored run and the drawn panel. */
  candidates: ReserveCandidates | null;
  reservesTranscript: ReservesTranscript | null;
}

async function loadContext(c: Ctx, assemblyId: string, draw: PublicDrawRow): Promise<DrawContext> {
  const db = c.var.config.database.db;
  const plan = parsePlan(draw.randomness_plan);
  const run = await findRunResult(db, assemblyId, draw.run_id);
  const lottery = run?.status === 'done' ? lotteryOfSelectionFile(run.result) : null;
  let current: LotterySelection | null = null;
  if (lottery) {
    const { selection, missing } = publicSelection(lottery, await referencesOf(db, assemblyId));
    current = missing.length === 0 ? selection : null;
  }
  const context: DrawContext = {
    draw,
    plan,
    stored: {
      commitment: draw.commitment,
      publishedAt: draw.published_at,
      plan,
      seed: draw.seed,
      drawnAt: draw.drawn_at,
    },
    current,
    panelTranscript: null,
    panelDraw: null,
    candidates: null,
    reservesTranscript: null,
  };
  if (draw.kind === 'panel') {
    context.panelTranscript = draw.transcript ? (JSON.parse(draw.transcript) as DrawTranscript) : null;
  } else {
    context.reservesTranscript = draw.transcript ? (JSON.parse(draw.transcript) as ReservesTranscript) : null;
    const panelDraw = (await findDrawOfRun(db, draw.run_id, 'panel')) ?? null;
    context.panelDraw = panelDraw;
    const panel = panelDraw?.transcript ? (JSON.parse(panelDraw.transcript) as DrawTranscript) : null;
    if (panel && current && panelDraw) {
      try {
        context.candidates = reserveCandidates(
          current.input.people.map((p) => p.id),
          panel.members,
          panelDraw.commitment,
        );
      } catch {
        context.candidates = null;
      }
    }
  }
  return context;
}

/** The lottery the public sees: the transcript's once drawn (it is what was drawn from), else the run's. */
function shownLottery(context: DrawContext): LotterySelection | null {
  return context.panelTranscript?.selection ?? context.current;
}

function shownCandidates(context: DrawContext): string[] {
  return context.reservesTranscript?.content.candidates ?? context.candidates?.candidates ?? [];
}

/* ---------------------------------------------------------------------------------------------- */
/* The plan form (shared by the panel and the reserve list)                                         */

const planSchema = z.object({
  run: z.string().trim().max(100).catch(''),
  source: z.string().trim().max(20).catch(''),
  round: z.string().trim().max(30).catch(''),
  rolls: z.string().trim().max(10).catch(''),
  sides: z.string().trim().max(5).catch(''),
});

function readPlan(values: FormValues): { plan: RandomnessPlan | null; errors: FieldErrors; runId: string } {
  const form = planSchema.parse(values);
  const errors: FieldErrors = {};
  let plan: RandomnessPlan | null = null;
  if (form.source === 'drand') {
    const round = form.round.replace(/[\s\u00a0]/g, '');
    if (/^\d{1,15}$/.test(round) && Number(round) >= 1) plan = { source: 'drand', round: Number(round) };
    else errors.round = 'round_invalid';
  } else if (form.source === 'dice') {
    if (!/^\d{1,4}$/.test(form.rolls)) errors.rolls = 'dice_rolls_range';
    if (form.sides !== '6' && form.sides !== '10') errors.sides = 'dice_sides';
    if (!errors.rolls && !errors.sides) {
      plan = { source: 'dice', rolls: Number(form.rolls), sides: form.sides === '6' ? 6 : 10 };
    }
  } else errors.source = 'source_required';
  return { plan, errors, runId: form.run };
}

function translateErrors(c: Ctx, codes: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, code] of Object.entries(codes)) {
    out[field] = c.var.t(`draw.error.${code}`, { min: diceRolls.min, max: diceRolls.max });
  }
  return out;
}

/** What the error summary calls the fields of `PlanFields` (and the run chosen above them). */
function planLabels(c: Ctx): Record<string, string> {
  const t = c.var.t;
  return {
    run: t('draw.run'),
    source: t('draw.source'),
    round: t('draw.round'),
    rolls: t('draw.rolls'),
    sides: t('draw.sides'),
  };
}

function PlanFields(props: { c: Ctx; values: FormValues; errors: FieldErrors }) {
  const { c, values, errors } = props;
  const t = c.var.t;
  const nowMillis = Date.now();
  return (
    <>
      <ChoiceGroup
        name="source"
        legend={t('draw.source')}
        type="radio"
        options={[
          { value: 'drand', label: t('draw.source_drand') },
          { value: 'dice', label: t('draw.source_dice') },
        ]}
        checked={[str(values, 'source')]}
        error={errors.source}
      />
      <TextField
        name="round"
        label={t('draw.round')}
        hint={t('draw.round_hint', {
          current: drandLatestRound(nowMillis),
          suggested: drandLatestRound(nowMillis + 3600_000),
        })}
        inputmode="numeric"
        value={str(values, 'round')}
        error={errors.round}
      />
      <TextField
        name="rolls"
        label={t('draw.rolls')}
        hint={t('draw.rolls_hint', { min: diceRolls.min, max: diceRolls.max })}
        type="number"
        inputmode="numeric"
        min={diceRolls.min}
        max={diceRolls.max}
        value={str(values, 'rolls')}
        error={errors.rolls}
      />
      <SelectField
        name="sides"
        label={t('draw.sides')}
        options={[
          { value: '10', label: t('draw.sides_10') },
          { value: '6', label: t('draw.sides_6') },
        ]}
        value={str(values, 'sides')}
        error={errors.sides}
      />
    </>
  );
}

/** Hidden copies of the plan's fields, for the confirmation step. */
function HiddenFields(props: { values: FormValues; names: string[] }) {
  return (
    <>
      {props.names.map((name) => (
        <input type="hidden" name={name} value={str(props.values, name)} />
      ))}
    </>
  );
}

const planFieldNames = ['source', 'round', 'rolls', 'sides'];

/* ---------------------------------------------------------------------------------------------- */
/* Organiser: the list of draws and announcing the panel draw                                        */

function drawBase(c: Ctx): string {
  return `/a/${c.var.assembly.id}/draw`;
}

function publicPath(assembly: Assembly, drawId: string): string {
  return `/public/${encodeURIComponent(assembly.slug)}/draw/${drawId}`;
}

interface RunChoice {
  id: string;
  label: string;
}

/**
 * Finished runs with a lottery that has no panel draw yet. Each label says whether the run is a
 * replacement round and ends in the run's short reference (the one in its selection file's name),
 * with the time to the second, so that two runs with the same settings can be told apart.
 */
async function runChoices(c: Ctx): Promise<{ choices: RunChoice[]; finished: number }> {
  const db = c.var.config.database.db;
  const runs = await listFinishedRuns(db, c.var.assembly.id);
  const choices: RunChoice[] = [];
  for (const run of runs) {
    const lottery = lotteryOfRunResult(run.result);
    if (!lottery || (await findDrawOfRun(db, run.id, 'panel'))) continue;
    choices.push({
      id: run.id,
      label: c.var.t(
        run.kind === 'replacement' ? 'draw.run_option_replacement' : 'draw.run_option_selection',
        {
          time: formatTime(c, run.finished_at ?? run.created_at, { seconds: true }),
          panels: formatNumber(c, lottery.lottery.panels.length),
          people: formatNumber(c, lottery.input.people.length),
          algorithm: lottery.algorithm,
          reference: run.id.slice(0, 8),
        },
      ),
    });
  }
  return { choices, finished: runs.length };
}

function DrawStatus(props: { c: Ctx; draw: PublicDrawRow }) {
  const { c, draw } = props;
  return draw.drawn_at ? (
    <>
      {c.var.t('draw.status_drawn')} <Time c={c} at={draw.drawn_at} />
    </>
  ) : (
    c.var.t('draw.status_waiting')
  );
}

async function drawsPage(c: Ctx, form: { values: FormValues; errors: FieldErrors } | null = null) {
  const t = c.var.t;
  const db = c.var.config.database.db;
  const draws = await listPublicDraws(db, c.var.assembly.id);
  const { choices, finished } = await runChoices(c);
  // A finished run's page links here with ?run= to preselect it.
  const values = form?.values ?? { run: c.req.query('run') ?? '', source: 'drand', rolls: '20', sides: '10' };
  const errors = form?.errors ?? {};
  const base = drawBase(c);
  return renderAssemblyPage(
    c,
    'draw',
    t('draw.title'),
    <>
      <p>{t('draw.lead')}</p>
      <ol>
        <li>{t('draw.step_announce')}</li>
        <li>{t('draw.step_draw')}</li>
        <li>{t('draw.step_verify')}</li>
      </ol>
      <section aria-labelledby="draws-list">
        <h2 id="draws-list">{t('draw.list')}</h2>
        {draws.length === 0 ? (
          <p>{t('draw.none')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('draw.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('draw.kind')}</th>
                  <th scope="col">{t('draw.announced')}</th>
                  <th scope="col">{t('draw.randomness')}</th>
                  <th scope="col">{t('draw.status')}</th>
                  <th scope="col">{t('draw.public_page')}</th>
                </tr>
              </thead>
              <tbody>
                {draws.map((d) => (
                  <tr>
                    <th scope="row">
                      <a href={`${base}/${d.id}`}>{kindTitle(c, d.kind, d.run_kind)}</a>
                    </th>
                    <td>
                      <Time c={c} at={d.published_at} />
                    </td>
                    <td>{planText(c, parsePlan(d.randomness_plan))}</td>
                    <td>
                      <DrawStatus c={c} draw={d} />
                    </td>
                    <td>
                      <a href={publicPath(c.var.assembly, d.id)}>
                        {t('draw.public_page')}
                        <span class="visually-hidden">{` ${kindTitle(c, d.kind, d.run_kind)}`}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <a href={`/public/${encodeURIComponent(c.var.assembly.slug)}/draw`}>{t('draw.public_list_link')}</a>
        </p>
      </section>
      <section aria-labelledby="draw-announce" id="announce">
        <h2 id="draw-announce">{t('draw.announce_heading')}</h2>
        {choices.length === 0 && !form ? (
          <p>{t(finished === 0 ? 'draw.no_runs' : 'draw.no_lottery_runs')}</p>
        ) : (
          <form method="post" action={base} class="stack" novalidate>
            <Csrf c={c} />
            <ErrorSummary title={t('errors.summary')} errors={errors} labels={planLabels(c)} />
            <p>{t('draw.announce_lead')}</p>
            <SelectField
              name="run"
              label={t('draw.run')}
              hint={t('draw.run_hint')}
              options={choices.map((r) => ({ value: r.id, label: r.label }))}
              value={str(values, 'run')}
              error={errors.run}
              empty={choices.length === 1 ? undefined : t('draw.run_choose')}
            />
            <PlanFields c={c} values={values} errors={errors} />
            <SubmitButton label={t('draw.check_announcement')} />
          </form>
        )}
      </section>
    </>,
    { status: Object.keys(errors).length > 0 ? 422 : 200 },
  );
}

function PreviewPage(props: {
  c: Ctx;
  action: string;
  values: FormValues;
  names: string[];
  plan: RandomnessPlan;
  prepared: PreparedDraw;
  kind: DrawKind;
}) {
  const { c, prepared, plan } = props;
  const t = c.var.t;
  return (
    <>
      <p>{t('draw.preview_lead')}</p>
      <dl class="facts">
        <dt>{t('draw.kind')}</dt>
        <dd>{kindTitle(c, props.kind)}</dd>
        <dt>{props.kind === 'panel' ? t('draw.lottery') : t('draw.candidates')}</dt>
        <dd>
          {props.kind === 'panel'
            ? t('draw.lottery_size', {
                panels: formatNumber(c, prepared.size),
                people: formatNumber(c, prepared.people),
              })
            : t('draw.candidates_size', { count: prepared.size })}
        </dd>
        <dt>{t('draw.randomness')}</dt>
        <dd>{planText(c, plan)}</dd>
        <dt>{t('draw.commitment')}</dt>
        <dd>
          <Hex value={prepared.commitment} />
        </dd>
      </dl>
      <p class="warning">{t('draw.preview_final')}</p>
      <form method="post" action={props.action} class="actions">
        <Csrf c={c} />
        <HiddenFields values={props.values} names={props.names} />
        <SubmitButton label={t('draw.publish')} name="confirm" value="yes" />
        <SubmitButton label={t('draw.change')} name="confirm" value="edit" secondary />
      </form>
    </>
  );
}

async function announceSubmit(c: Ctx) {
  const t = c.var.t;
  const values: FormValues = textFields(await c.req.parseBody());
  const { plan, errors, runId } = readPlan(values);
  if (!runId) errors.run = 'run_required';
  if (str(values, 'confirm') === 'edit') return drawsPage(c, { values, errors: {} });
  if (!plan || Object.keys(errors).length > 0) {
    return drawsPage(c, { values, errors: translateErrors(c, errors) });
  }
  const database = c.var.config.database;
  try {
    if (str(values, 'confirm') === 'yes') {
      const id = await publishPanelDraw(database, staffActor(c), c.var.assembly.id, { runId, plan });
      return c.redirect(`${drawBase(c)}/${id}?done=published`, 303);
    }
    const prepared = await previewPanelDraw(database, c.var.assembly.id, { runId, plan });
    return renderAssemblyPage(
      c,
      'draw',
      t('draw.preview_title'),
      <PreviewPage
        c={c}
        action={drawBase(c)}
        values={values}
        names={['run', ...planFieldNames]}
        plan={plan}
        prepared={prepared}
        kind="panel"
      />,
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return drawsPage(c, { values, errors: { [error.field ?? '_form']: refusalText(c, error) } });
  }
}

/* ---------------------------------------------------------------------------------------------- */
/* Organiser: one draw                                                                              */

function PeopleTable(props: {
  c: Ctx;
  references: string[];
  people: Map<string, DrawnPerson>;
  caption: string;
  numbered?: boolean;
}) {
  const { c, references, people } = props;
  const t = c.var.t;
  const showNames = can(c.var.role, 'people:names');
  const peopleBase = `/a/${c.var.assembly.id}/people`;
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.numbered ? <th scope="col">{t('draw.position')}</th> : null}
            <th scope="col">{t('draw.reference')}</th>
            {showNames ? <th scope="col">{t('draw.name')}</th> : null}
            <th scope="col">{t('draw.person_status')}</th>
          </tr>
        </thead>
        <tbody>
          {references.map((reference, i) => {
            const person = people.get(reference);
            return (
              <tr>
                {props.numbered ? <td class="number">{formatNumber(c, i + 1)}</td> : null}
                <th scope="row">
                  {person ? <a href={`${peopleBase}/${person.id}`}>{reference}</a> : reference}
                </th>
                {showNames ? (
                  <td>{person?.erased_at ? t('draw.erased') : (person?.full_name ?? '')}</td>
                ) : null}
                <td>{person ? t(`status.${person.status}`, { defaultValue: person.status }) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const notices = ['published', 'drawn'] as const;

async function staffDraw(c: Ctx): Promise<DrawContext | null> {
  const draw = await findPublicDraw(c.var.config.database.db, c.var.assembly.id, c.req.param('drawId') ?? '');
  return draw ? loadContext(c, c.var.assembly.id, draw) : null;
}

async function drawPage(
  c: Ctx,
  context: DrawContext,
  form: {
    randomness?: string;
    errors?: FieldErrors;
    reserves?: { values: FormValues; errors: FieldErrors };
    status?: 200 | 409 | 422;
  } = {},
) {
  const t = c.var.t;
  const db = c.var.config.database.db;
  const { draw, plan } = context;
  const base = `${drawBase(c)}/${draw.id}`;
  const done = c.req.query('done');
  const notice =
    c.req.method === 'GET' && (notices as readonly string[]).includes(done ?? '')
      ? t(`draw.notice_${done}`)
      : null;
  const publicUrl = `${new URL(c.req.url).origin}${publicPath(c.var.assembly, draw.id)}`;
  const errors = form.errors ?? {};

  let drawn: Child = null;
  if (context.panelTranscript) {
    const transcript = context.panelTranscript;
    const people = await peopleByReference(db, c.var.assembly.id, transcript.members);
    const notSelected = transcript.members.filter((r) => {
      const status = people.get(r)?.status;
      return status !== 'selected' && status !== 'confirmed';
    });
    const reservesDraw = await findDrawOfRun(db, draw.run_id, 'reserves');
    const reservesForm = form.reserves ?? {
      values: { source: 'drand', rolls: '20', sides: '10' },
      errors: {},
    };
    drawn = (
      <>
        <section aria-labelledby="draw-result">
          <h2 id="draw-result">{t('draw.result_panel')}</h2>
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
            references={transcript.members}
            people={people}
            caption={t('draw.members_caption', { count: transcript.members.length })}
          />
        </section>
        <section aria-labelledby="draw-reserves">
          <h2 id="draw-reserves">{t('draw.reserves_heading')}</h2>
          <ErrorSummary title={t('errors.summary')} errors={reservesForm.errors} labels={planLabels(c)} />
          {reservesDraw ? (
            <p>
              <a href={`${drawBase(c)}/${reservesDraw.id}`}>{t('draw.reserves_open')}</a>
            </p>
          ) : (
            <form method="post" action={`${base}/reserves`} class="stack" novalidate>
              <Csrf c={c} />
              <p>{t('draw.reserves_lead')}</p>
              <PlanFields c={c} values={reservesForm.values} errors={reservesForm.errors} />
              <SubmitButton label={t('draw.check_announcement')} />
            </form>
          )}
        </section>
      </>
    );
  } else if (context.reservesTranscript) {
    const order = context.reservesTranscript.order;
    const people = await peopleByReference(db, c.var.assembly.id, order);
    drawn = (
      <section aria-labelledby="draw-result">
        <h2 id="draw-result">{t('draw.result_reserves')}</h2>
        <p>{t('draw.reserves_order_lead')}</p>
        <PeopleTable
          c={c}
          references={order}
          people={people}
          caption={t('draw.reserves_caption', { count: order.length })}
          numbered
        />
      </section>
    );
  }

  return renderAssemblyPage(
    c,
    'draw',
    kindTitle(c, draw.kind, draw.run_kind),
    <>
      <ErrorSummary title={t('errors.summary')} errors={errors.randomness ? {} : errors} labels={{}} />
      <dl class="facts">
        <dt>{t('draw.public_page')}</dt>
        <dd>
          <a href={publicPath(c.var.assembly, draw.id)}>{publicUrl}</a>
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
      {draw.seed === null ? (
        <section aria-labelledby="draw-enter">
          <h2 id="draw-enter">{t('draw.enter_heading')}</h2>
          <form method="post" action={`${base}/seed`} class="stack" novalidate>
            <Csrf c={c} />
            <ErrorSummary
              title={t('errors.summary')}
              errors={errors.randomness ? errors : {}}
              labels={{
                randomness:
                  plan.source === 'drand'
                    ? t('draw.randomness_drand', { round: plan.round })
                    : t('draw.randomness_dice', { rolls: plan.rolls }),
              }}
            />
            {plan.source === 'drand' ? (
              <>
                <p>
                  {t('draw.enter_drand', {
                    round: plan.round,
                    at: formatTime(c, drandRoundTime(plan.round)),
                  })}{' '}
                  <a href={drandRoundUrl(plan.round)}>{drandRoundUrl(plan.round)}</a>
                </p>
                <TextArea
                  name="randomness"
                  label={t('draw.randomness_drand', { round: plan.round })}
                  hint={t('draw.randomness_drand_hint')}
                  value={form.randomness}
                  error={errors.randomness}
                  rows={3}
                />
              </>
            ) : (
              <TextField
                name="randomness"
                label={t('draw.randomness_dice', { rolls: plan.rolls })}
                hint={t('draw.randomness_dice_hint', {
                  min: plan.sides === 10 ? 0 : 1,
                  max: plan.sides === 10 ? 9 : 6,
                })}
                inputmode="numeric"
                value={form.randomness}
                error={errors.randomness}
              />
            )}
            <p class="warning">{t('draw.once_warning')}</p>
            <SubmitButton label={t('draw.draw_button')} />
          </form>
        </section>
      ) : null}
      {drawn}
      <p class="actions">
        <a href={`${publicPath(c.var.assembly, draw.id)}/verify`}>{t('draw.verify_link')}</a>
        <a href={drawBase(c)}>{t('draw.back')}</a>
      </p>
    </>,
    { notice, status: form.status ?? 200 },
  );
}

async function showDraw(c: Ctx) {
  const context = await staffDraw(c);
  if (!context) return errorPage(c, 404, c.var.t('errors.not_found'));
  return drawPage(c, context);
}

const seedSchema = z.object({ randomness: z.string().max(2000).catch('') });

async function seedSubmit(c: Ctx) {
  const t = c.var.t;
  const context = await staffDraw(c);
  if (!context) return errorPage(c, 404, t('errors.not_found'));
  const { randomness } = seedSchema.parse(await c.req.parseBody());
  try {
    await enterDrawRandomness(
      c.var.config.database,
      staffActor(c),
      c.var.assembly.id,
      context.draw.id,
      randomness,
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.code === 'not_found') return errorPage(c, 404, t('errors.not_found'));
    // Reload: when a seed was stored meanwhile, the page must show it.
    const fresh = (await staffDraw(c)) ?? context;
    return drawPage(c, fresh, {
      randomness,
      errors: { [error.field ?? '_form']: refusalText(c, error) },
      status: error.code === 'already_drawn' ? 409 : 422,
    });
  }
  return c.redirect(`${drawBase(c)}/${context.draw.id}?done=drawn`, 303);
}

async function reservesSubmit(c: Ctx) {
  const t = c.var.t;
  const context = await staffDraw(c);
  if (!context) return errorPage(c, 404, t('errors.not_found'));
  const values: FormValues = textFields(await c.req.parseBody());
  const { plan, errors } = readPlan(values);
  const again = (formErrors: FieldErrors, status: 200 | 422 = 422) =>
    drawPage(c, context, { reserves: { values, errors: formErrors }, status });
  if (str(values, 'confirm') === 'edit') return again({}, 200);
  if (!plan || Object.keys(errors).length > 0) return again(translateErrors(c, errors));
  const database = c.var.config.database;
  try {
    if (str(values, 'confirm') === 'yes') {
      const id = await publishReservesDraw(database, staffActor(c), c.var.assembly.id, context.draw.id, plan);
      return c.redirect(`${drawBase(c)}/${id}?done=published`, 303);
    }
    const prepared = await previewReservesDraw(database, c.var.assembly.id, context.draw.id, plan);
    return renderAssemblyPage(
      c,
      'draw',
      t('draw.preview_title'),
      <PreviewPage
        c={c}
        action={`${drawBase(c)}/${context.draw.id}/reserves`}
        values={values}
        names={planFieldNames}
        plan={plan}
        prepared={prepared}
        kind="reserves"
      />,
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.code === 'not_found') return errorPage(c, 404, t('errors.not_found'));
    return again({ [error.field ?? '_form']: refusalText(c, error) });
  }
}

/* ---------------------------------------------------------------------------------------------- */
/* The public pages                                                                                 */

async function publicAssembly(c: Ctx): Promise<Assembly | undefined> {
  return findAssemblyBySlug(c.var.config.database.db, c.req.param('slug') ?? '');
}

async function publicDraw(c: Ctx): Promise<{ assembly: Assembly; context: DrawContext } | null> {
  const assembly = await publicAssembly(c);
  if (!assembly) return null;
  const draw = await findPublicDraw(c.var.config.database.db, assembly.id, c.req.param('drawId') ?? '');
  if (!draw) return null;
  return { assembly, context: await loadContext(c, assembly.id, draw) };
}

function renderPublic(c: Ctx, title: string, body: Child) {
  return render(c, { title, nav: 'public' }, body);
}

async function publicList(c: Ctx) {
  const t = c.var.t;
  const assembly = await publicAssembly(c);
  if (!assembly) return errorPage(c, 404, t('errors.not_found'));
  const draws = await listPublicDraws(c.var.config.database.db, assembly.id);
  const title = t('draw.public_list_title', { assembly: assemblyTitle(assembly, c.var.lang) });
  return renderPublic(
    c,
    title,
    <>
      <h1>{title}</h1>
      <p>{t('draw.public_list_lead')}</p>
      {draws.length === 0 ? (
        <p>{t('draw.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('draw.kind')}</th>
                <th scope="col">{t('draw.announced')}</th>
                <th scope="col">{t('draw.randomness')}</th>
                <th scope="col">{t('draw.status')}</th>
              </tr>
            </thead>
            <tbody>
              {draws.map((d) => (
                <tr>
                  <th scope="row">
                    <a href={publicPath(assembly, d.id)}>{kindTitle(c, d.kind, d.run_kind)}</a>
                  </th>
                  <td>
                    <Time c={c} at={d.published_at} />
                  </td>
                  <td>{planText(c, parsePlan(d.randomness_plan))}</td>
                  <td>
                    <DrawStatus c={c} draw={d} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>,
  );
}

function Downloads(props: { c: Ctx; path: string; context: DrawContext }) {
  const { c, path, context } = props;
  const t = c.var.t;
  const panel = context.draw.kind === 'panel';
  return (
    <ul>
      <li>
        <a href={`${path}/commitment.json`} download>
          {t('draw.download_commitment')}
        </a>
      </li>
      <li>
        {panel ? (
          <a href={`${path}/lottery.json`} download>
            {t('draw.download_lottery')}
          </a>
        ) : (
          <a href={`${path}/candidates.json`} download>
            {t('draw.download_candidates')}
          </a>
        )}
      </li>
      {context.draw.transcript ? (
        <li>
          <a href={`${path}/transcript.json`} download>
            {t('draw.download_transcript')}
          </a>
        </li>
      ) : null}
    </ul>
  );
}

function LotteryPanels(props: { c: Ctx; lottery: LotterySelection; drawnIndex: number | null }) {
  const { c, lottery, drawnIndex } = props;
  const t = c.var.t;
  const panels = lottery.lottery.panels;
  return (
    <details>
      <summary>{t('draw.panels_show', { count: panels.length })}</summary>
      <div class="table-wrap">
        <table>
          <caption>{t('draw.panels_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('draw.panel_number')}</th>
              <th scope="col">{t('draw.panel_members')}</th>
            </tr>
          </thead>
          <tbody>
            {panels.map((panel, i) => (
              <tr>
                <th scope="row">
                  {i === drawnIndex ? <strong>{t('draw.panel_drawn', { index: i })}</strong> : `#${i}`}
                </th>
                <td>{panel.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

async function publicPage(c: Ctx) {
  const t = c.var.t;
  const found = await publicDraw(c);
  if (!found) return errorPage(c, 404, t('errors.not_found'));
  const { assembly, context } = found;
  const { draw, plan } = context;
  const path = publicPath(assembly, draw.id);
  const panel = draw.kind === 'panel';
  const lottery = shownLottery(context);
  const titleKey = !panel
    ? 'draw.public_title_reserves'
    : draw.run_kind === 'replacement'
      ? 'draw.public_title_replacement'
      : 'draw.public_title_panel';
  const title = t(titleKey, {
    assembly: assemblyTitle(assembly, c.var.lang),
  });
  const candidates = shownCandidates(context);
  return renderPublic(
    c,
    title,
    <>
      <h1>{title}</h1>
      <p>{t(panel ? 'draw.public_lead_panel' : 'draw.public_lead_reserves')}</p>
      <dl class="facts">
        <dt>{t('draw.announced')}</dt>
        <dd>
          <Time c={c} at={draw.published_at} />
        </dd>
        <dt>{t('draw.status')}</dt>
        <dd>
          <DrawStatus c={c} draw={draw} />
        </dd>
      </dl>

      <section aria-labelledby="public-randomness">
        <h2 id="public-randomness">{t('draw.randomness_heading')}</h2>
        <PlanDescription c={c} plan={plan} />
        {draw.seed ? (
          <p>
            {t('draw.seed_was')} <code id="seed">{draw.seed}</code>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="public-commitment">
        <h2 id="public-commitment">{t('draw.commitment')}</h2>
        <p>
          <Hex value={draw.commitment} id="commitment" />
        </p>
        <p>{t(panel ? 'draw.commitment_explained_panel' : 'draw.commitment_explained_reserves')}</p>
        <Downloads c={c} path={path} context={context} />
        {panel ? (
          <p>
            {t('draw.check_yourself')} <code>{t('draw.cli_commit')}</code>
          </p>
        ) : null}
      </section>

      {context.panelTranscript ? (
        <section aria-labelledby="public-result">
          <h2 id="public-result">{t('draw.result_panel')}</h2>
          <p>
            {t('draw.drawn_index', {
              index: context.panelTranscript.index,
              size: formatNumber(c, context.panelTranscript.selection.lottery.panels.length),
            })}
          </p>
          <ul
            id="drawn-panel"
            aria-label={t('draw.members_caption', { count: context.panelTranscript.members.length })}
          >
            {context.panelTranscript.members.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
          <p>
            {t('draw.verify_yourself')} <code>{t('draw.cli_verify')}</code>
          </p>
        </section>
      ) : null}

      {context.reservesTranscript ? (
        <section aria-labelledby="public-result">
          <h2 id="public-result">{t('draw.result_reserves')}</h2>
          <p>{t('draw.reserves_order_lead')}</p>
          <ol id="reserve-order">
            {context.reservesTranscript.order.map((r) => (
              <li>{r}</li>
            ))}
          </ol>
        </section>
      ) : null}

      {draw.transcript ? (
        <p>
          <a href={`${path}/verify`}>{t('draw.verify_link')}</a>
        </p>
      ) : null}

      <section aria-labelledby="public-content">
        <h2 id="public-content">{panel ? t('draw.lottery') : t('draw.candidates')}</h2>
        {panel ? (
          lottery ? (
            <>
              <p>
                {t('draw.lottery_size', {
                  panels: formatNumber(c, lottery.lottery.panels.length),
                  people: formatNumber(c, lottery.input.people.length),
                })}
              </p>
              <LotteryPanels c={c} lottery={lottery} drawnIndex={context.panelTranscript?.index ?? null} />
            </>
          ) : (
            <p class="warning">{t('draw.content_missing')}</p>
          )
        ) : candidates.length > 0 ? (
          <>
            <p>{t('draw.candidates_size', { count: candidates.length })}</p>
            <details>
              <summary>{t('draw.candidates_show')}</summary>
              <p id="candidates">{candidates.join(', ')}</p>
            </details>
          </>
        ) : (
          <p class="warning">{t('draw.content_missing')}</p>
        )}
      </section>
      <p>
        <a href={`/public/${encodeURIComponent(assembly.slug)}/draw`}>{t('draw.public_list_link')}</a>
      </p>
    </>,
  );
}

function jsonDownload(c: Ctx, text: string, fileName: string) {
  return c.body(text, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
  });
}

/** JSON as `lotta commit` and `lotta draw` write it: two-space indentation and a final newline. */
function cliJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

async function commitmentDownload(c: Ctx) {
  const found = await publicDraw(c);
  if (!found) return errorPage(c, 404, c.var.t('errors.not_found'));
  const { context } = found;
  const { draw } = context;
  if (draw.kind === 'panel') {
    const lottery = shownLottery(context);
    if (!lottery) return errorPage(c, 404, c.var.t('errors.not_found'));
    return jsonDownload(
      c,
      cliJson({
        format: commitmentFileFormat,
        commitment: draw.commitment,
        algorithm: lottery.algorithm,
        engine: { name: lottery.engine.name, version: lottery.engine.version },
        lotterySize: lottery.lottery.panels.length,
        people: lottery.input.people.length,
      }),
      'commitment.json',
    );
  }
  const content = context.reservesTranscript?.content ?? context.candidates;
  return jsonDownload(
    c,
    cliJson({
      format: RESERVES_COMMITMENT_FORMAT,
      commitment: draw.commitment,
      panelCommitment: content?.panelCommitment ?? context.panelDraw?.commitment ?? '',
      candidates: content?.candidates.length ?? 0,
    }),
    'commitment.json',
  );
}

async function lotteryDownload(c: Ctx) {
  const found = await publicDraw(c);
  const lottery = found && found.context.draw.kind === 'panel' ? shownLottery(found.context) : null;
  if (!lottery) return errorPage(c, 404, c.var.t('errors.not_found'));
  return jsonDownload(c, cliJson(lottery), 'lottery.json');
}

async function candidatesDownload(c: Ctx) {
  const found = await publicDraw(c);
  const content =
    found && found.context.draw.kind === 'reserves'
      ? (found.context.reservesTranscript?.content ?? found.context.candidates)
      : null;
  if (!content) return errorPage(c, 404, c.var.t('errors.not_found'));
  return jsonDownload(c, cliJson(content), 'candidates.json');
}

async function transcriptDownload(c: Ctx) {
  const found = await publicDraw(c);
  const transcript = found?.context.draw.transcript;
  if (!found || !transcript) return errorPage(c, 404, c.var.t('errors.not_found'));
  return jsonDownload(c, transcript, 'transcript.json');
}

function CheckList(props: { c: Ctx; checks: DrawCheck[] }) {
  const { c, checks } = props;
  const t = c.var.t;
  return (
    <ul class="checks" id="checks">
      {checks.map((check) => {
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
                <ul lang="en">
                  {check.details.slice(0, 50).map((d) => (
                    <li>{d}</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

async function verifyPage(c: Ctx) {
  const t = c.var.t;
  const found = await publicDraw(c);
  if (!found) return errorPage(c, 404, t('errors.not_found'));
  const { assembly, context } = found;
  const { draw, plan } = context;
  const checks =
    draw.kind === 'panel'
      ? panelDrawChecks(context.stored, context.current, context.panelTranscript)
      : reservesDrawChecks(context.stored, context.candidates, context.reservesTranscript);
  const failed = checks.filter((ch) => !ch.ok).length;
  const path = publicPath(assembly, draw.id);
  const title = t('draw.verify_title', { kind: kindTitle(c, draw.kind, draw.run_kind) });
  return renderPublic(
    c,
    title,
    <>
      <h1>{title}</h1>
      <p>
        <a href={path}>{t('draw.back_to_draw')}</a>
      </p>
      <p role="status" class={failed === 0 ? 'notice' : 'warning'} id="verdict">
        {failed === 0
          ? t(draw.transcript ? 'draw.verdict_ok' : 'draw.verdict_ok_not_drawn')
          : t('draw.verdict_failed', { count: failed })}
      </p>
      <p>{t('draw.verify_lead')}</p>
      <CheckList c={c} checks={checks} />
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
    </>,
  );
}

/* ---------------------------------------------------------------------------------------------- */

const manage = needs('draw:manage');
const publicBase = '/public/:slug/draw';

export const drawRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/draw',
    tab: { key: 'draw', phase: 'recruitment' },
    access: manage,
    handler: (c) => drawsPage(c),
  },
  { method: 'POST', path: '/a/:assemblyId/draw', access: manage, handler: announceSubmit },
  { method: 'GET', path: '/a/:assemblyId/draw/:drawId', access: manage, handler: showDraw },
  { method: 'POST', path: '/a/:assemblyId/draw/:drawId/seed', access: manage, handler: seedSubmit },
  { method: 'POST', path: '/a/:assemblyId/draw/:drawId/reserves', access: manage, handler: reservesSubmit },
  { method: 'GET', path: publicBase, access: publicAccess, handler: publicList },
  { method: 'GET', path: `${publicBase}/:drawId`, access: publicAccess, handler: publicPage },
  {
    method: 'GET',
    path: `${publicBase}/:drawId/commitment.json`,
    access: publicAccess,
    handler: commitmentDownload,
  },
  {
    method: 'GET',
    path: `${publicBase}/:drawId/lottery.json`,
    access: publicAccess,
    handler: lotteryDownload,
  },
  {
    method: 'GET',
    path: `${publicBase}/:drawId/candidates.json`,
    access: publicAccess,
    handler: candidatesDownload,
  },
  {
    method: 'GET',
    path: `${publicBase}/:drawId/transcript.json`,
    access: publicAccess,
    handler: transcriptDownload,
  },
  { method: 'GET', path: `${publicBase}/:drawId/verify`, access: publicAccess, handler: verifyPage },
];
