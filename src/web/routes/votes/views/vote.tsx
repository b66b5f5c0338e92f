/** One vote: what it is about, its rule, its turnout while open, its result once closed, its paper. */
import { toStockholmTime } from '../../../../domain/dates.ts';
import { can } from '../../../../domain/roles.ts';
import type { PaperStackView, VoteDetail } from '../../../../queries/votes.ts';
import type { Choice } from '../../../../voting/model.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import {
  ButtonLink,
  Csrf,
  ErrorSummary,
  PostButton,
  SubmitButton,
  str,
  TextField,
} from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatTime } from '../../../views/time.ts';
import { base, choiceText, ResultBlock, ruleLines, stateText } from './parts.tsx';

function About(props: { c: Ctx; detail: VoteDetail }) {
  const { c, detail } = props;
  const t = c.var.t;
  const { vote, recommendation, amendment, session } = detail;
  return (
    <Section id="about" title={t('votes.about')}>
      <dl class="facts">
        <dt>{t('votes.state')}</dt>
        <dd>{stateText(c, detail.state)}</dd>
        {recommendation ? (
          <>
            <dt>{t('votes.recommendation')}</dt>
            <dd>
              <a href={`/a/${c.var.assembly.id}/recommendations/${recommendation.id}`}>
                {recommendation.title}
              </a>
            </dd>
          </>
        ) : null}
        {session ? (
          <>
            <dt>{t('votes.session')}</dt>
            <dd>{`${formatTime(c, session.startsAt)} ${c.var.lang === 'en' ? session.title.en || session.title.sv : session.title.sv}`}</dd>
          </>
        ) : null}
        <dt>{t('votes.who_votes')}</dt>
        <dd>
          {t(
            vote.sessionId
              ? vote.online
                ? 'votes.who_present_online'
                : 'votes.who_present'
              : 'votes.who_all',
          )}
        </dd>
        {vote.opensAt ? (
          <>
            <dt>{t('votes.opens_at')}</dt>
            <dd>{formatTime(c, vote.opensAt, { seconds: true })}</dd>
            <dt>{t('votes.closes_at')}</dt>
            <dd>{formatTime(c, vote.closedAt ?? vote.closesAt ?? '', { seconds: true })}</dd>
          </>
        ) : (
          <>
            <dt>{t('votes.duration')}</dt>
            <dd>{t('votes.minutes', { count: vote.durationMinutes })}</dd>
          </>
        )}
      </dl>
      {amendment ? (
        <div class="amendment-change">
          <p>
            <strong>{t('votes.before')}</strong> <del>{amendment.passage}</del>
          </p>
          <p>
            <strong>{t('votes.after')}</strong> <ins>{amendment.replacement}</ins>
          </p>
        </div>
      ) : null}
      <h3>{t('votes.rules')}</h3>
      <ul>
        {ruleLines(c, vote.options).map((line) => (
          <li>{line}</li>
        ))}
      </ul>
    </Section>
  );
}

function Actions(props: { c: Ctx; detail: VoteDetail }) {
  const { c, detail } = props;
  const t = c.var.t;
  const here = `${base(c)}/${detail.vote.id}`;
  const run = can(c.var.role, 'votes:run');
  return (
    <p class="actions">
      {run && detail.state === 'draft' ? (
        <PostButton c={c} action={`${here}/open`} label={t('votes.open')} />
      ) : null}
      {run && detail.state === 'draft' ? (
        <PostButton c={c} action={`${here}/delete`} label={t('votes.delete')} look="secondary" />
      ) : null}
      {run && (detail.state === 'open' || detail.state === 'ended') ? (
        <PostButton c={c} action={`${here}/close`} label={t('votes.close')} />
      ) : null}
      <ButtonLink href={`${here}/projector`} secondary>
        {t('votes.projector')}
      </ButtonLink>
      {can(c.var.role, 'votes:tablet') && detail.state === 'open' ? (
        <ButtonLink href={`${here}/tablet`} secondary>
          {t('votes.tablet')}
        </ButtonLink>
      ) : null}
    </p>
  );
}

function Outcome(props: { c: Ctx; detail: VoteDetail }) {
  const { c, detail } = props;
  const t = c.var.t;
  const { turnout, result } = detail;
  if (!result)
    return (
      <Section id="turnout" title={t('votes.turnout')} lead={t('votes.turnout_lead')}>
        <p class="big-figure">
          {t('votes.turnout_figure', { ballots: turnout.ballots, eligible: turnout.eligible })}
        </p>
        {detail.state === 'ended' ? <p>{t('votes.ended_hint')}</p> : null}
      </Section>
    );
  return (
    <Section id="result" title={t('votes.result')}>
      <ResultBlock c={c} tally={result.tally} options={detail.vote.options} />
      <p>{t('votes.eligible_present', { eligible: turnout.eligible, present: turnout.present })}</p>
      <p class={result.intact ? 'hash' : 'hash warning'}>
        {t(result.intact ? 'votes.hash_intact' : 'votes.hash_broken')} <code>{result.ballotsHash}</code>
      </p>
      {detail.named ? (
        <DataTable
          caption={t('votes.named_caption')}
          rows={detail.named}
          columns={[
            {
              header: t('votes.member'),
              rowHeader: true,
              cell: (r: { name: string; choice: Choice }) => r.name,
            },
            { header: t('votes.choice'), cell: (r) => choiceText(c, r.choice) },
          ]}
        />
      ) : null}
    </Section>
  );
}

function StackBlock(props: { c: Ctx; detail: VoteDetail; view: PaperStackView }) {
  const { c, detail, view } = props;
  const t = c.var.t;
  const stackBase = `${base(c)}/${detail.vote.id}/paper/${view.stack.id}`;
  const names = new Map(detail.members.map((m) => [m.id, m.name]));
  const open = detail.state !== 'closed';
  return (
    <div class="paper-stack">
      <h3>
        {t('votes.stack_title', { label: view.stack.label, at: formatTime(c, view.stack.collectedAt) })}
      </h3>
      <p>
        {t(view.first ? 'votes.typed_first' : 'votes.not_typed_first', {
          count: view.first?.lines.length ?? 0,
        })}{' '}
        {t(view.second ? 'votes.typed_second' : 'votes.not_typed_second', {
          count: view.second?.lines.length ?? 0,
        })}
      </p>
      {view.comparison ? (
        <>
          <p>
            {t('votes.paper_counted', { count: view.lines.filter((l) => l.outcome === 'counted').length })}
          </p>
          {view.comparison.mismatches.length > 0 ? (
            <div class="mismatches" role="alert">
              <h4>{t('votes.mismatches', { count: view.comparison.mismatches.length })}</h4>
              <ul>
                {view.comparison.mismatches.map((m) => (
                  <li>{t(`voting.paper.${m.kind}`, { sheet: m.sheet })}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {view.lines
            .filter((l) => l.outcome !== 'counted')
            .map((l) => (
              <p class="warning">
                {t('votes.paper_line_refused', { sheet: l.sheet, name: names.get(l.member) ?? '' })}{' '}
                {l.outcome === 'pending' ? t('votes.paper_pending') : t(`voting.refusal.${l.outcome}`)}
              </p>
            ))}
        </>
      ) : null}
      {open && can(c.var.role, 'votes:paper') ? (
        <p class="actions">
          <ButtonLink href={`${stackBase}/1`} secondary>
            {t(view.first ? 'votes.correct_first' : 'votes.type_first')}
          </ButtonLink>
          <ButtonLink href={`${stackBase}/2`} secondary>
            {t(view.second ? 'votes.correct_second' : 'votes.type_second')}
          </ButtonLink>
        </p>
      ) : null}
    </div>
  );
}

function Paper(props: { c: Ctx; detail: VoteDetail; form: FormFailure }) {
  const { c, detail, form } = props;
  const t = c.var.t;
  const canType = can(c.var.role, 'votes:paper') && (detail.state === 'open' || detail.state === 'ended');
  if (detail.stacks.length === 0 && !canType) return null;
  return (
    <Section id="paper" title={t('votes.paper')} lead={t('votes.paper_lead')}>
      {detail.stacks.map((view) => (
        <StackBlock c={c} detail={detail} view={view} />
      ))}
      {canType ? (
        <form method="post" action={`${base(c)}/${detail.vote.id}/paper`} class="stack" novalidate>
          <Csrf c={c} />
          <ErrorSummary
            title={t('errors.summary')}
            errors={form.errors}
            labels={{ label: t('votes.stack_label'), collected: t('votes.stack_collected') }}
          />
          <TextField
            name="label"
            label={t('votes.stack_label')}
            hint={t('votes.stack_label_hint')}
            value={str(form.values, 'label')}
            error={form.errors.label}
          />
          <TextField
            name="collected"
            type="datetime-local"
            label={t('votes.stack_collected')}
            value={
              str(form.values, 'collected') ||
              toStockholmTime(Math.min(Date.now(), Date.parse(detail.vote.closesAt ?? '') || Date.now()))
            }
            error={form.errors.collected}
          />
          <SubmitButton label={t('votes.stack_add')} />
        </form>
      ) : null}
    </Section>
  );
}

export function votePage(c: Ctx, detail: VoteDetail, options: { notice: string | null; form?: FormFailure }) {
  const form = options.form ?? { values: {}, errors: {} };
  return renderAssemblyPage(
    c,
    'votes',
    detail.vote.question,
    <>
      <Actions c={c} detail={detail} />
      <Outcome c={c} detail={detail} />
      <About c={c} detail={detail} />
      <Paper c={c} detail={detail} form={form} />
    </>,
    { notice: options.notice, status: Object.keys(form.errors).length > 0 ? 400 : 200 },
  );
}
