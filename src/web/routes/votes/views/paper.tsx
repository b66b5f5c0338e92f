/**
 * Typing in a stack of paper ballots, one row per ballot: its printed number, the member it was
 * handed to, and what it says. Two people of the team each type the whole stack; the vote page
 * compares their typings and lists every difference for a third look.
 */
import type { PaperStackView, VoteDetail } from '../../../../queries/votes.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { Csrf, ErrorSummary, SubmitButton, str } from '../../../views/forms.tsx';
import { Section } from '../../../views/kit.tsx';
import { formatTime } from '../../../views/time.ts';
import { base } from './parts.tsx';

/** The choices a ballot of this vote can say, as the form's select names them. */
function choiceOptions(c: Ctx, detail: VoteDetail): { value: string; label: string }[] {
  const t = c.var.t;
  const rule = detail.vote.options.rule;
  const kinds =
    rule.kind === 'consent'
      ? ['consent', 'objection', 'abstain']
      : rule.kind === 'gradient'
        ? [...Array.from({ length: rule.scale }, (_, i) => `grade_${i + 1}`), 'abstain']
        : ['yes', 'no', 'abstain'];
  return kinds.map((k) => ({
    value: k,
    label: k.startsWith('grade_') ? t('votes.choice_grade', { level: k.slice(6) }) : t(`votes.choice_${k}`),
  }));
}

function Row(props: {
  c: Ctx;
  row: number;
  form: FormFailure;
  members: VoteDetail['members'];
  choices: { value: string; label: string }[];
}) {
  const { c, row, form, members, choices } = props;
  const t = c.var.t;
  const error = form.errors[`line_${row}`];
  const value = (name: string) => str(form.values, `${name}_${row}`);
  return (
    <tr id={`line_${row}`} class={error ? 'has-error' : undefined}>
      <th scope="row">{row}</th>
      <td>
        <input
          name={`sheet_${row}`}
          value={value('sheet')}
          inputmode="numeric"
          size={5}
          aria-label={t('votes.paper_sheet_of', { row })}
          aria-invalid={error ? 'true' : undefined}
        />
      </td>
      <td>
        <select name={`member_${row}`} aria-label={t('votes.paper_member_of', { row })}>
          <option value="">{t('votes.none_chosen')}</option>
          {members.map((m) => (
            <option value={m.id} selected={m.id === value('member')}>
              {m.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select name={`choice_${row}`} aria-label={t('votes.paper_choice_of', { row })}>
          <option value="">{t('votes.none_chosen')}</option>
          {choices.map((o) => (
            <option value={o.value} selected={o.value === value('choice')}>
              {o.label}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          name={`reason_${row}`}
          value={value('reason')}
          aria-label={t('votes.paper_reason_of', { row })}
        />
        {error ? <p class="error-text">{error}</p> : null}
      </td>
    </tr>
  );
}

export function typingPage(
  c: Ctx,
  detail: VoteDetail,
  view: PaperStackView,
  round: 1 | 2,
  form: FormFailure,
  rows: number,
) {
  const t = c.var.t;
  const action = `${base(c)}/${detail.vote.id}/paper/${view.stack.id}/${round}`;
  const choices = choiceOptions(c, detail);
  const title = t(round === 1 ? 'votes.type_first' : 'votes.type_second');
  const labels = Object.fromEntries(
    Array.from({ length: rows }, (_, i) => [`line_${i + 1}`, t('votes.paper_row', { row: i + 1 })]),
  );
  return renderAssemblyPage(
    c,
    'votes',
    title,
    <Section
      id="typing"
      title={t('votes.stack_title', { label: view.stack.label, at: formatTime(c, view.stack.collectedAt) })}
      lead={t('votes.typing_lead')}
    >
      <form method="post" action={action} class="stack" novalidate>
        <Csrf c={c} />
        <input type="hidden" name="rows" value={String(rows)} />
        <ErrorSummary
          title={t('errors.summary')}
          errors={form.errors}
          labels={{ ...labels, lines: t('votes.paper') }}
        />
        <div class="table-wrap">
          <table class="paper-typing">
            <caption>{t('votes.typing_caption', { question: detail.vote.question })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('votes.paper_row_header')}</th>
                <th scope="col">{t('votes.paper_sheet')}</th>
                <th scope="col">{t('votes.member')}</th>
                <th scope="col">{t('votes.choice')}</th>
                <th scope="col">{t('votes.paper_reason')}</th>
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: rows }, (_, i) => (
                <Row c={c} row={i + 1} form={form} members={detail.members} choices={choices} />
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <a href={`${action}?rows=${Math.min(400, rows + 10)}`}>{t('votes.more_rows')}</a>
        </p>
        <SubmitButton label={t('votes.typing_save')} />
      </form>
    </Section>,
    { status: Object.keys(form.errors).length > 0 ? 400 : 200 },
  );
}
