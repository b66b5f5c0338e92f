/**
 * The invite codes page: how many codes exist and are used, the way to the lottery, the list as a CSV
 * file, and the form that makes more.
 */
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { Csrf, ErrorSummary, SubmitButton, str, TextField } from '../../../views/forms.tsx';
import { Section } from '../../../views/kit.tsx';
import { formatNumber } from '../../../views/time.ts';
import { invitationsPath } from '../paths.ts';
import { maxCodes } from '../schema.ts';

function Counts(props: { c: Ctx; total: number; used: number }) {
  const t = props.c.var.t;
  return (
    <dl class="facts" id="invitation-counts">
      <dt>{t('invitations.total')}</dt>
      <dd>{String(props.total)}</dd>
      <dt>{t('invitations.used')}</dt>
      <dd>{String(props.used)}</dd>
      <dt>{t('invitations.unused')}</dt>
      <dd>{String(props.total - props.used)}</dd>
    </dl>
  );
}

function CreateForm(props: { c: Ctx; form: FormFailure }) {
  const { c, form } = props;
  const t = c.var.t;
  return (
    <form method="post" action={invitationsPath(c)} class="stack narrow" novalidate>
      <Csrf c={c} />
      <ErrorSummary
        title={t('errors.summary')}
        errors={form.errors}
        labels={{ count: t('invitations.count') }}
      />
      <TextField
        name="count"
        type="number"
        inputmode="numeric"
        min={1}
        max={maxCodes}
        label={t('invitations.count')}
        hint={t('invitations.count_hint', { max: formatNumber(c, maxCodes) })}
        value={str(form.values, 'count')}
        error={form.errors.count}
        required
      />
      <SubmitButton label={t('invitations.create')} />
    </form>
  );
}

export function CodesPage(props: { c: Ctx; counts: { total: number; used: number }; form: FormFailure }) {
  const { c, counts } = props;
  const t = c.var.t;
  const base = invitationsPath(c);
  return (
    <>
      <p>{t('invitations.lead')}</p>
      <Counts c={c} total={counts.total} used={counts.used} />
      <Section id="invitations-lottery" title={t('lottery.open_lottery')}>
        <p>{t('lottery.open_lottery_text')}</p>
        <p>
          <a class="button" href={`${base}/lottery`}>
            {t('lottery.open_lottery')}
          </a>
        </p>
      </Section>
      {counts.total > 0 ? (
        <Section id="invitations-download" title={t('invitations.download_heading')}>
          <p>{t('invitations.download_text')}</p>
          <p>
            <a class="button secondary" href={`${base}.csv`} download>
              {t('invitations.download')}
            </a>
          </p>
        </Section>
      ) : null}
      <Section id="invitations-create" title={t('invitations.create_heading')}>
        <CreateForm c={c} form={props.form} />
      </Section>
    </>
  );
}
