/**
 * A member's votes on her own phone: the votes open for her now, one page per vote with a big button
 * per choice, her receipt, and the results of closed votes. Phone-first, plain words, large targets,
 * plain forms that work without JavaScript. No result is ever shown while a vote is open.
 */
import type { OwnBallotReceipt } from '../../../../commands/ballots.ts';
import type { MemberBallot } from '../../../../queries/ballots.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { Csrf, ErrorSummary, str } from '../../../views/forms.tsx';
import { EmptyState, Section } from '../../../views/kit.tsx';
import { render } from '../../../views/layout.tsx';
import { formatTime } from '../../../views/time.ts';
import { ChoiceButtons, choiceText, NoImplicitChoice, ResultPart, SubjectText } from './parts.tsx';

const votePath = (id: string) => `/member/votes/${encodeURIComponent(id)}`;

function BackLinks(props: { c: Ctx; list?: boolean }) {
  const t = props.c.var.t;
  return (
    <p class="actions">
      {props.list ? <a href="/member/votes">{t('ballots.back_list')}</a> : null}
      <a href="/member">{t('ballots.back_home')}</a>
    </p>
  );
}

function OpenItem(props: { c: Ctx; item: MemberBallot }) {
  const { c, item } = props;
  const t = c.var.t;
  const rule = item.vote.options.rule;
  return (
    <Section id={`vote-${item.vote.id}`} title={item.vote.question} level={3}>
      {item.ballot ? (
        <p>{t('ballots.voted', { choice: choiceText(c, item.ballot.choice, rule) })}</p>
      ) : (
        <p>{t('ballots.not_voted')}</p>
      )}
      <p>
        <a class="button" href={votePath(item.vote.id)}>
          {item.ballot ? t('ballots.see_vote') : t('ballots.vote_button')}
        </a>
      </p>
    </Section>
  );
}

function ClosedItem(props: { c: Ctx; item: MemberBallot }) {
  const { c, item } = props;
  const t = c.var.t;
  return (
    <Section id={`vote-${item.vote.id}`} title={item.vote.question} level={3}>
      {item.ballot ? (
        <p>{t('ballots.voted', { choice: choiceText(c, item.ballot.choice, item.vote.options.rule) })}</p>
      ) : null}
      {item.result ? <ResultPart c={c} result={item.result} /> : <p>{t('ballots.closing')}</p>}
    </Section>
  );
}

export function listPage(c: Ctx, votes: { open: MemberBallot[]; closed: MemberBallot[] }) {
  const t = c.var.t;
  return render(
    c,
    { title: t('ballots.title'), nav: 'member' },
    <>
      <h1>{t('ballots.title')}</h1>
      <p>{t('ballots.lead')}</p>
      <Section id="open-votes" title={t('ballots.open_heading')}>
        {votes.open.length === 0 ? <EmptyState>{t('ballots.none_open')}</EmptyState> : null}
        {votes.open.map((item) => (
          <OpenItem c={c} item={item} />
        ))}
      </Section>
      <Section id="closed-votes" title={t('ballots.closed_heading')}>
        {votes.closed.length === 0 ? <EmptyState>{t('ballots.none_closed')}</EmptyState> : null}
        {votes.closed.map((item) => (
          <ClosedItem c={c} item={item} />
        ))}
      </Section>
      <BackLinks c={c} />
    </>,
  );
}

function CurrentChoice(props: { c: Ctx; item: MemberBallot }) {
  const { c, item } = props;
  const t = c.var.t;
  if (!item.ballot) return null;
  return (
    <div class="ballot-current">
      <p>
        <strong>
          {t('ballots.current_choice', { choice: choiceText(c, item.ballot.choice, item.vote.options.rule) })}
        </strong>
      </p>
      <p>{t('ballots.receipt_code', { code: item.ballot.receipt })}</p>
    </div>
  );
}

/** Whether she may press a button: the vote is open, she may vote from her link, and a change is allowed. */
function mayChoose(item: MemberBallot): boolean {
  if (item.state !== 'open' || !item.channel) return false;
  if (!item.ballot) return true;
  return item.vote.options.changesAllowed && item.ballot.channel === item.channel;
}

function BallotForm(props: { c: Ctx; item: MemberBallot; form: FormFailure }) {
  const { c, item, form } = props;
  const t = c.var.t;
  return (
    <form method="post" action={votePath(item.vote.id)} class="stack ballot-form" novalidate>
      <Csrf c={c} />
      <NoImplicitChoice />
      <h2>{item.ballot ? t('ballots.change_heading') : t('ballots.choose_heading')}</h2>
      <ChoiceButtons
        c={c}
        rule={item.vote.options.rule}
        errors={form.errors}
        reason={str(form.values, 'reason')}
      />
    </form>
  );
}

/** Why she cannot vote here, in plain words (the same words the ballot box's refusals use). */
function statusText(c: Ctx, item: MemberBallot): string | null {
  const t = c.var.t;
  if (item.state === 'closing') return t('ballots.closing');
  if (item.state !== 'open') return null;
  if (!item.channel) return t('voting.refusal.not_eligible');
  if (item.ballot && item.ballot.channel !== item.channel) return t('voting.refusal.other_channel');
  if (item.ballot && !item.vote.options.changesAllowed) return t('ballots.change_not_allowed');
  return null;
}

export function votePage(c: Ctx, item: MemberBallot, form: FormFailure) {
  const t = c.var.t;
  const status = statusText(c, item);
  const open = item.state === 'open';
  return render(
    c,
    { title: item.vote.question, nav: 'member' },
    <>
      <p class="assembly-name">{t('ballots.title')}</p>
      <h1>{item.vote.question}</h1>
      <ErrorSummary
        title={t('errors.summary')}
        errors={form.errors}
        labels={{ choice: t('ballots.choose_heading'), reason: t('ballots.reason_label') }}
      />
      <SubjectText c={c} subject={item.subject} />
      {open && item.vote.closesAt ? (
        <p>{t('ballots.closes_at', { time: formatTime(c, item.vote.closesAt) })}</p>
      ) : null}
      {open && item.channel ? <p class="hint">{t(`ballots.channel_${item.channel}`)}</p> : null}
      <CurrentChoice c={c} item={item} />
      {status ? <p class="notice">{status}</p> : null}
      {mayChoose(item) ? (
        <>
          {item.vote.options.changesAllowed ? <p>{t('ballots.change_allowed')}</p> : null}
          <BallotForm c={c} item={item} form={form} />
        </>
      ) : null}
      {item.result ? <ResultPart c={c} result={item.result} /> : null}
      <BackLinks c={c} list />
    </>,
    Object.keys(form.errors).length > 0 ? 422 : 200,
  );
}

/** Her receipt: her choice in words, the time and the code; a changed or repeated ballot says so. */
export function receiptPage(c: Ctx, voteId: string, receipt: OwnBallotReceipt) {
  const t = c.var.t;
  return render(
    c,
    { title: t('ballots.receipt_title'), nav: 'member' },
    <>
      <p class="assembly-name">{receipt.question}</p>
      <h1>{t('ballots.receipt_title')}</h1>
      <div class="ballot-receipt">
        <p>
          <strong>
            {t('ballots.receipt_choice', { choice: choiceText(c, receipt.choice, receipt.rule) })}
          </strong>
        </p>
        <p>{t('ballots.receipt_time', { time: formatTime(c, receipt.at, { seconds: true }) })}</p>
        <p>{t('ballots.receipt_code', { code: receipt.receipt })}</p>
      </div>
      {receipt.changed ? <p class="notice">{t('ballots.receipt_changed')}</p> : null}
      {receipt.repeated ? <p class="notice">{t('ballots.receipt_repeated')}</p> : null}
      <p>{t('ballots.receipt_keep')}</p>
      <p>
        <a class="button secondary" href={votePath(voteId)}>
          {t('ballots.see_vote')}
        </a>
      </p>
      <BackLinks c={c} list />
    </>,
  );
}
