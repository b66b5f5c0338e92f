/**
 * The organisers' review of submissions from the public: the list, and one submission with the
 * buttons that accept it into the library or reject it with a reason. The sender's name and e-mail
 * are shown only to those who may see people's names and contacts.
 */
import type { Child } from 'hono/jsx';
import { submissionFieldLimits } from '../../../../domain/field-limits.ts';
import { can } from '../../../../domain/roles.ts';
import type { PublicSubmission } from '../../../../queries/submissions.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { Csrf, ErrorSummary, PostButton, SubmitButton, str, TextArea } from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatDate, formatNumber } from '../../../views/time.ts';

function base(c: Ctx) {
  return `/a/${c.var.assembly.id}/submissions`;
}

function statusText(c: Ctx, s: PublicSubmission) {
  return c.var.t(`submissions.status_${s.status}`);
}

/** The sender as the viewer may see her: name and organisation with names rights, else nothing. */
function senderText(c: Ctx, s: PublicSubmission): string {
  if (s.sender_erased_at) return c.var.t('submissions.sender_erased');
  if (!can(c.var.role, 'people:names')) return c.var.t('submissions.sender_hidden');
  return (
    [s.sender_name, s.sender_organisation].filter(Boolean).join(', ') || c.var.t('submissions.sender_none')
  );
}

/** Whether the public form takes submissions, its address, and the button that changes it. */
function FormState(props: { c: Ctx; publicHref: string }) {
  const { c, publicHref } = props;
  const t = c.var.t;
  const open = Boolean(c.var.assembly.submissions_open);
  return (
    <>
      <p>
        {open ? t('submissions.form_is_open') : t('submissions.form_is_closed')}{' '}
        {open ? (
          <>
            {t('submissions.public_address')} <a href={publicHref}>{publicHref}</a>
          </>
        ) : null}
      </p>
      {can(c.var.role, 'submissions:review') ? (
        <PostButton
          c={c}
          action={`${base(c)}/${open ? 'close' : 'open'}`}
          label={open ? t('submissions.close_form') : t('submissions.open_form')}
        />
      ) : null}
    </>
  );
}

export function listPage(c: Ctx, submissions: PublicSubmission[], notice: string | null) {
  const t = c.var.t;
  const publicHref = `/public/${encodeURIComponent(c.var.assembly.slug)}/submissions/new`;
  return renderAssemblyPage(
    c,
    'requests',
    t('submissions.list_title'),
    <>
      <p>
        <a href={`/a/${c.var.assembly.id}/requests`}>{t('submissions.back_requests')}</a>
      </p>
      <p>{t('submissions.list_lead')}</p>
      <FormState c={c} publicHref={publicHref} />
      <Section id="submissions-list" title={t('submissions.list_title')}>
        <DataTable
          caption={t('submissions.list_title')}
          captionHidden
          rows={submissions}
          empty={t('submissions.list_empty')}
          columns={[
            { header: t('submissions.sent_at'), cell: (s) => formatDate(c, s.created_at) },
            {
              header: t('submissions.title_label'),
              rowHeader: true,
              cell: (s) => <a href={`${base(c)}/${s.id}`}>{s.title}</a>,
            },
            { header: t('submissions.sender'), cell: (s) => senderText(c, s) },
            { header: t('submissions.status'), cell: (s) => <span class="status">{statusText(c, s)}</span> },
          ]}
        />
      </Section>
    </>,
    { notice },
  );
}

function Facts(props: { c: Ctx; s: PublicSubmission }) {
  const { c, s } = props;
  const t = c.var.t;
  const fact = (term: string, value: Child) => (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
  const contacts = can(c.var.role, 'people:contacts') && !s.sender_erased_at;
  return (
    <dl class="facts">
      {fact(t('submissions.sent_at'), formatDate(c, s.created_at))}
      {fact(t('submissions.body_label'), <span class="prewrap">{s.body}</span>)}
      {fact(
        t('submissions.link_label'),
        s.link ? (
          <a href={s.link} rel="noopener noreferrer nofollow">
            {s.link}
          </a>
        ) : (
          '–'
        ),
      )}
      {fact(t('submissions.sender'), senderText(c, s))}
      {contacts ? fact(t('submissions.email_label'), s.sender_email ?? '–') : null}
      {fact(
        t('submissions.publish_legend'),
        t(s.publish_name ? 'submissions.publish_yes' : 'submissions.publish_no'),
      )}
      {fact(t('submissions.status'), statusText(c, s))}
      {s.status === 'rejected'
        ? fact(t('submissions.reason_label'), <span class="prewrap">{s.reason}</span>)
        : null}
      {s.evidence_item_id
        ? fact(
            t('submissions.in_library'),
            <a href={`/a/${c.var.assembly.id}/evidence/${s.evidence_item_id}`}>{s.title}</a>,
          )
        : null}
    </dl>
  );
}

function ReviewForms(props: { c: Ctx; s: PublicSubmission; form: FormFailure }) {
  const { c, s, form } = props;
  const t = c.var.t;
  const href = `${base(c)}/${s.id}`;
  return (
    <>
      <Section
        id="submission-accept"
        title={t('submissions.accept_title')}
        lead={t('submissions.accept_lead')}
      >
        <PostButton c={c} action={`${href}/accept`} label={t('submissions.accept')} />
      </Section>
      <Section id="submission-reject" title={t('submissions.reject_title')}>
        <form method="post" action={`${href}/reject`} class="stack" novalidate>
          <Csrf c={c} />
          <ErrorSummary
            title={t('errors.summary')}
            errors={form.errors}
            labels={{ reason: t('submissions.reason_label') }}
          />
          <TextArea
            name="reason"
            label={t('submissions.reason_label')}
            hint={t('submissions.hint_max', { max: formatNumber(c, submissionFieldLimits.reason) })}
            value={str(form.values, 'reason')}
            error={form.errors.reason}
            rows={4}
          />
          <SubmitButton label={t('submissions.reject')} secondary />
        </form>
      </Section>
    </>
  );
}

export function submissionPage(c: Ctx, s: PublicSubmission, form: FormFailure) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'requests',
    s.title,
    <>
      <p>
        <a href={base(c)}>{t('submissions.back')}</a>
      </p>
      <Section id="submission" title={s.title}>
        <Facts c={c} s={s} />
      </Section>
      {s.status === 'pending' ? <ReviewForms c={c} s={s} form={form} /> : null}
    </>,
    { status: Object.keys(form.errors).length > 0 ? 422 : 200 },
  );
}
