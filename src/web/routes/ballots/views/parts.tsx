/**
 * What the members' voting pages share: the text a vote is about, a choice in words, the buttons that
 * fit the vote's rule (large, one per choice, in a plain form), and a closed vote's result.
 */
import { paragraphsOf } from '../../../../domain/recommendations.ts';
import type { BallotSubject } from '../../../../queries/ballots.ts';
import type { VoteResult } from '../../../../queries/vote-results.ts';
import type { Choice, VoteRule } from '../../../../voting/model.ts';
import type { Ctx } from '../../../env.ts';
import { type FieldErrors, TextArea } from '../../../views/forms.tsx';

/** A choice as the member reads it: "Yes", "I object", "4 of 5". */
export function choiceText(c: Ctx, choice: Choice, rule: VoteRule): string {
  const t = c.var.t;
  if (choice.kind === 'grade')
    return t('ballots.choice.grade', {
      level: choice.level,
      scale: rule.kind === 'gradient' ? rule.scale : 0,
    });
  return t(`ballots.choice.${choice.kind}`);
}

function Paragraphs(props: { text: string }) {
  return (
    <>
      {paragraphsOf(props.text).map((p) => (
        <p>{p}</p>
      ))}
    </>
  );
}

/** The recommendation's text, or an amendment's words before and after, under the question. */
export function SubjectText(props: { c: Ctx; subject: BallotSubject }) {
  const { c, subject } = props;
  const t = c.var.t;
  if (!subject.title) return null;
  return (
    <div class="ballot-subject">
      <h3>{subject.title}</h3>
      {subject.body ? <Paragraphs text={subject.body} /> : null}
      {subject.before !== null ? (
        <dl class="facts">
          <dt>{t('ballots.amendment_before')}</dt>
          <dd>
            <Paragraphs text={subject.before} />
          </dd>
          <dt>{t('ballots.amendment_after')}</dt>
          <dd>{subject.after ? <Paragraphs text={subject.after} /> : t('ballots.amendment_removed')}</dd>
        </dl>
      ) : null}
    </div>
  );
}

/**
 * First in a ballot form: pressing Enter (or "Go" on a phone's keyboard after typing the card code)
 * submits a form through its first submit button, which would cast the first choice unasked. A
 * disabled first button makes browsers submit nothing: only a tapped choice casts a ballot.
 */
export function NoImplicitChoice() {
  return <button type="submit" disabled hidden />;
}

function ChoiceButton(props: { label: string; value: string; secondary?: boolean }) {
  return (
    <button
      type="submit"
      name="choice"
      value={props.value}
      class={props.secondary ? 'button secondary' : 'button'}
    >
      {props.label}
    </button>
  );
}

/** The buttons that fit the rule, inside the caller's form; an objection comes with its reason. */
export function ChoiceButtons(props: { c: Ctx; rule: VoteRule; errors: FieldErrors; reason: string }) {
  const { c, rule, errors } = props;
  const t = c.var.t;
  if (rule.kind === 'gradient') {
    const levels = Array.from({ length: rule.scale }, (_, i) => i + 1);
    return (
      <>
        <p class="hint">
          {t('ballots.grade_low')}
          <br />
          {t('ballots.grade_high', { scale: rule.scale })}
        </p>
        <div class="ballot-choices ballot-grades">
          {levels.map((level) => (
            <ChoiceButton label={t('ballots.grade_button', { level })} value={String(level)} />
          ))}
        </div>
        <div class="ballot-choices">
          <ChoiceButton label={t('ballots.choice.abstain')} value="abstain" secondary />
        </div>
      </>
    );
  }
  if (rule.kind === 'consent')
    return (
      <>
        <div class="ballot-choices">
          <ChoiceButton label={t('ballots.choice.consent')} value="consent" />
          <ChoiceButton label={t('ballots.choice.abstain')} value="abstain" secondary />
        </div>
        <h3>{t('ballots.objection_heading')}</h3>
        <TextArea
          name="reason"
          label={t('ballots.reason_label')}
          value={props.reason}
          error={errors.reason}
          rows={3}
        />
        <div class="ballot-choices">
          <ChoiceButton label={t('ballots.choice.objection')} value="objection" secondary />
        </div>
      </>
    );
  return (
    <div class="ballot-choices">
      <ChoiceButton label={t('ballots.choice.yes')} value="yes" />
      <ChoiceButton label={t('ballots.choice.no')} value="no" />
      <ChoiceButton label={t('ballots.choice.abstain')} value="abstain" secondary />
    </div>
  );
}

function reasonText(c: Ctx, result: VoteResult): string {
  const { tally } = result;
  const params =
    tally.reason === 'quorum_missed'
      ? { ballots: tally.ballots, needed: tally.quorum.needed }
      : { support: tally.support, base: tally.base, needed: tally.needed, count: tally.objections.length };
  return c.var.t(`voting.reason.${tally.reason}`, params);
}

/** A closed vote's result: adopted or not, why (against the threshold), and the counts. */
export function ResultPart(props: { c: Ctx; result: VoteResult }) {
  const { c, result } = props;
  const t = c.var.t;
  const { tally } = result;
  const rule = result.settings.rule;
  return (
    <div class="ballot-result">
      <p>
        <strong>{tally.adopted ? t('ballots.result_adopted') : t('ballots.result_not_adopted')}</strong>
      </p>
      <p>{reasonText(c, result)}</p>
      <p>{t('ballots.result_ballots', { count: tally.ballots })}</p>
      {rule.kind === 'consent' ? (
        <p>
          {t('ballots.result_consent', {
            consent: tally.consent,
            objections: tally.objections.length,
            abstain: tally.abstain,
          })}
        </p>
      ) : rule.kind === 'gradient' ? (
        <ul>
          {(tally.distribution ?? []).map((count, i) => (
            <li>{t('ballots.result_grade', { level: i + 1, count })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('ballots.result_yes_no', { yes: tally.yes, no: tally.no, abstain: tally.abstain })}</p>
      )}
    </div>
  );
}
