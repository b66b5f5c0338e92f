/**
 * The public form for sending the assembly a submission, and its thank-you page. Plain words, large
 * targets, no script; the notice says what is kept of the sender, for how long and who sees it.
 */
import { submissionFieldLimits as limits } from '../../../../domain/field-limits.ts';
import { retentionPeriods } from '../../../../domain/retention.ts';
import type { Assembly } from '../../../../repositories/assemblies.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { assemblyTitle } from '../../../views/assembly-frame.tsx';
import {
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  SubmitButton,
  str,
  TextArea,
  TextField,
} from '../../../views/forms.tsx';
import { render } from '../../../views/layout.tsx';
import { OrganiserContact } from '../../../views/privacy-notice.tsx';
import { formatNumber } from '../../../views/time.ts';
import { Honeypot } from '../../register/views/form.tsx';

const dayMillis = 86_400_000;

function labels(c: Ctx): Record<string, string> {
  const t = c.var.t;
  return {
    title: t('submissions.title_label'),
    body: t('submissions.body_label'),
    link: t('submissions.link_label'),
    name: t('submissions.name_label'),
    organisation: t('submissions.organisation_label'),
    email: t('submissions.email_label'),
    publish_name: t('submissions.publish_legend'),
  };
}

/** What is kept of the sender, for how long, and who sees it (GDPR art. 13). */
function SenderNotice(props: { c: Ctx; assembly: Assembly }) {
  const { c } = props;
  const t = c.var.t;
  const days = formatNumber(c, retentionPeriods.submissionSenderMillis / dayMillis);
  return (
    <section aria-labelledby="submission-privacy-heading" class="privacy-notice">
      <h2 id="submission-privacy-heading">{t('submissions.privacy_heading')}</h2>
      <ul>
        <li>{t('submissions.privacy_what')}</li>
        <li>{t('submissions.privacy_how_long', { days })}</li>
        <li>{t('submissions.privacy_who')}</li>
        <li>{t('submissions.privacy_publish')}</li>
        <li>{t('submissions.privacy_rights')}</li>
      </ul>
      <OrganiserContact c={c} assembly={props.assembly} id="submission-contact" />
    </section>
  );
}

function SenderFields(props: { c: Ctx; form: FormFailure }) {
  const { c, form } = props;
  const t = c.var.t;
  const v = (name: string) => str(form.values, name);
  return (
    <fieldset class="stack">
      <legend>{t('submissions.sender_legend')}</legend>
      <p class="hint">{t('submissions.sender_hint')}</p>
      <TextField
        name="name"
        label={labels(c).name}
        value={v('name')}
        error={form.errors.name}
        autocomplete="name"
      />
      <TextField
        name="organisation"
        label={labels(c).organisation}
        value={v('organisation')}
        error={form.errors.organisation}
        autocomplete="organization"
      />
      <TextField
        name="email"
        type="email"
        label={labels(c).email}
        hint={t('submissions.email_hint')}
        value={v('email')}
        error={form.errors.email}
        autocomplete="email"
      />
      <ChoiceGroup
        name="publish_name"
        legend={t('submissions.publish_legend')}
        type="checkbox"
        options={[{ value: 'yes', label: t('submissions.publish_label') }]}
        checked={v('publish_name') === 'yes' ? ['yes'] : []}
        error={form.errors.publish_name}
      />
    </fieldset>
  );
}

export function publicFormPage(
  c: Ctx,
  assembly: Assembly,
  form: FormFailure,
  formTime: string,
  status?: 429,
) {
  const t = c.var.t;
  const v = (name: string) => str(form.values, name);
  const max = (n: number) => t('submissions.hint_max', { max: formatNumber(c, n) });
  const title = t('submissions.public_title', { assembly: assemblyTitle(assembly, c.var.lang) });
  return render(
    c,
    { title, nav: 'public' },
    <>
      <h1>{title}</h1>
      <p>{t('submissions.public_lead')}</p>
      <form
        method="post"
        action={`/public/${encodeURIComponent(assembly.slug)}/submissions/new`}
        class="stack"
        novalidate
      >
        <Csrf c={c} />
        <input type="hidden" name="form_time" value={formTime} />
        <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels(c)} />
        <TextField
          name="title"
          label={labels(c).title}
          value={v('title')}
          error={form.errors.title}
          required
        />
        <TextArea
          name="body"
          label={labels(c).body}
          hint={max(limits.body)}
          value={v('body')}
          error={form.errors.body}
          rows={10}
        />
        <TextField
          name="link"
          type="url"
          label={labels(c).link}
          hint={t('submissions.link_hint')}
          value={v('link')}
          error={form.errors.link}
        />
        <SenderFields c={c} form={form} />
        <SenderNotice c={c} assembly={assembly} />
        <Honeypot c={c} />
        <SubmitButton label={t('submissions.send')} />
      </form>
    </>,
    status ?? (Object.keys(form.errors).length > 0 ? 422 : 200),
  );
}

export function thanksPage(c: Ctx, assembly: Assembly) {
  const t = c.var.t;
  const title = t('submissions.thanks_title');
  return render(
    c,
    { title, nav: 'public' },
    <>
      <h1>{title}</h1>
      <p>{t('submissions.thanks_lead', { assembly: assemblyTitle(assembly, c.var.lang) })}</p>
      <p>
        <a href={`/public/${encodeURIComponent(assembly.slug)}/submissions/new`}>
          {t('submissions.send_another')}
        </a>
      </p>
    </>,
  );
}

/** The form's address while the assembly takes no submissions: said plainly, nothing to fill in. */
export function closedPage(c: Ctx, assembly: Assembly, status?: 409) {
  const t = c.var.t;
  const title = t('submissions.closed_title');
  return render(
    c,
    { title, nav: 'public' },
    <>
      <h1>{title}</h1>
      <p>{t('submissions.closed_lead', { assembly: assemblyTitle(assembly, c.var.lang) })}</p>
    </>,
    status ?? 200,
  );
}
