/**
 * The member's form to ask a question or for a speaker: phone-first, plain words, large targets,
 * a plain form that works without JavaScript and keeps what she typed when something is wrong.
 */
import type { SessionChoice } from '../../../../queries/requests.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { Csrf, ErrorSummary, SubmitButton } from '../../../views/forms.tsx';
import { render } from '../../../views/layout.tsx';
import { QuestionFields, questionLabels } from './staff.tsx';

export function memberAskPage(c: Ctx, sessions: readonly SessionChoice[], form: FormFailure) {
  const t = c.var.t;
  return render(
    c,
    { title: t('requests.member_title'), nav: 'member' },
    <>
      <h1>{t('requests.member_title')}</h1>
      <p>{t('requests.member_lead')}</p>
      <form method="post" action="/member/requests/new" class="stack" novalidate>
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={questionLabels(c)} />
        <QuestionFields c={c} form={form} sessions={sessions} />
        <SubmitButton label={t('requests.send')} />
      </form>
      <p>
        <a href="/member">{t('requests.member_back')}</a>
      </p>
    </>,
    Object.keys(form.errors).length > 0 ? 422 : 200,
  );
}
