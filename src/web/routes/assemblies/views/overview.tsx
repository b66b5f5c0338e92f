/** An assembly's overview: its remit and facts, its phases (switched here), and figures in charts. */
import { personStatuses } from '../../../../domain/person-status.ts';
import { phases } from '../../../../domain/phases.ts';
import { labelIn } from '../../../../domain/questions.ts';
import type { AssemblyOverview } from '../../../../queries/assemblies.ts';
import type { Assembly } from '../../../../repositories/assemblies.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { BarChart } from '../../../views/charts.tsx';
import { ButtonLink, Csrf, SelectField, SubmitButton } from '../../../views/forms.tsx';
import { Section } from '../../../views/kit.tsx';

export interface OverviewProps {
  overview: AssemblyOverview;
  /** Whether the viewer may change the assembly: its phase, registration and description. */
  canEdit: boolean;
  /** Whether the privacy notice names someone to contact (warned about when not). */
  hasContact: boolean;
  /** The public registration page's address, as volunteers reach it. */
  registerUrl: string;
  notice: string | null;
}

function Facts(props: { c: Ctx; a: Assembly; overview: AssemblyOverview; registerUrl: string }) {
  const { c, a } = props;
  const t = c.var.t;
  const { invitations } = props.overview;
  return (
    <dl class="facts">
      <dt>{t('assembly.commissioner')}</dt>
      <dd>{a.commissioner || '–'}</dd>
      <dt>{t('assembly.funding_source')}</dt>
      <dd>{a.funding_source || '–'}</dd>
      <dt>{t('assembly.coordinator')}</dt>
      <dd>{a.coordinator || '–'}</dd>
      <dt>{t('assembly.panel_size')}</dt>
      <dd>{a.panel_size}</dd>
      <dt>{t('assembly.languages')}</dt>
      <dd>{a.languages.map((l) => t(`assembly.language_${l}`)).join(', ')}</dd>
      <dt>{t('assembly.dates')}</dt>
      <dd>
        {a.starts_on ?? '…'} – {a.ends_on ?? '…'}
      </dd>
      <dt>{t('assembly.registration')}</dt>
      <dd>
        {a.registration_open
          ? t('assembly.registration_open', { url: props.registerUrl })
          : t('assembly.registration_closed')}
      </dd>
      <dt>{t('assembly.invitations')}</dt>
      <dd>{t('assembly.invitations_count', { total: invitations.total, used: invitations.used })}</dd>
    </dl>
  );
}

/** The phase and registration switch. */
function PhaseForm(props: { c: Ctx; a: Assembly }) {
  const { c, a } = props;
  const t = c.var.t;
  return (
    <form method="post" action={`/a/${a.id}/phase`} class="filters">
      <Csrf c={c} />
      <SelectField
        name="phase"
        label={t('assembly.change_phase')}
        value={a.current_phase}
        options={phases.map((p) => ({ value: p, label: t(`phase.${p}`) }))}
      />
      <SelectField
        name="registration_open"
        label={t('assembly.registration')}
        value={a.registration_open ? '1' : '0'}
        options={[
          { value: '1', label: t('assembly.registration_open_short') },
          { value: '0', label: t('assembly.registration_closed') },
        ]}
      />
      <SubmitButton label={t('assembly.save')} secondary />
    </form>
  );
}

function Charts(props: { c: Ctx; overview: AssemblyOverview }) {
  const t = props.c.var.t;
  const { peopleByStatus, invitations } = props.overview;
  return (
    <div class="charts">
      <BarChart
        title={t('assembly.people_by_status')}
        data={personStatuses.map((status) => ({
          label: t(`status.${status}`),
          value: peopleByStatus[status],
        }))}
      />
      <BarChart
        title={t('assembly.invitations')}
        data={[
          { label: t('assembly.invitations_used'), value: invitations.used },
          { label: t('assembly.invitations_unused'), value: invitations.unused },
        ]}
      />
    </div>
  );
}

export function overviewPage(c: Ctx, props: OverviewProps) {
  const t = c.var.t;
  const a = c.var.assembly;
  return renderAssemblyPage(
    c,
    'overview',
    t('assembly.overview'),
    <>
      <Section id="remit" title={t('assembly.remit')}>
        <blockquote lang={a.remit[c.var.lang] ? c.var.lang : 'sv'}>{labelIn(a.remit, c.var.lang)}</blockquote>
      </Section>
      <Facts c={c} a={a} overview={props.overview} registerUrl={props.registerUrl} />
      <h2>{t('assembly.phases')}</h2>
      <ol class="phases">
        {phases.map((p) => (
          <li aria-current={p === a.current_phase ? 'step' : undefined}>{t(`phase.${p}`)}</li>
        ))}
      </ol>
      {props.canEdit ? <PhaseForm c={c} a={a} /> : null}
      <Charts c={c} overview={props.overview} />
      {props.canEdit && !props.hasContact ? (
        <p class="warning" id="privacy-contact-missing">
          {t('privacy.settings.contact_missing')}{' '}
          <a href={`/a/${a.id}/edit#privacy-settings`}>{t('assembly.edit')}</a>
        </p>
      ) : null}
      {props.canEdit ? (
        <p class="actions">
          <ButtonLink href={`/a/${a.id}/edit`} secondary>
            {t('assembly.edit')}
          </ButtonLink>
        </p>
      ) : null}
    </>,
    { notice: props.notice },
  );
}
