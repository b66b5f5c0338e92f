/**
 * The publication tab: whether the public page is out (with its address and the button that changes
 * it), the form of its settings — licence, funding amount, advisory board, the sections it shows —
 * and when each section was first published.
 */
import { licenceKeys, licences, publicPageLimits, publicSections } from '../../../domain/public-page.ts';
import type { PublicationView } from '../../../queries/public-page.ts';
import type { Ctx } from '../../env.ts';
import type { FormFailure } from '../../form.ts';
import { renderAssemblyPage } from '../../views/assembly-frame.tsx';
import {
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  type FormValues,
  PostButton,
  SelectField,
  SubmitButton,
  str,
  TextArea,
  TextField,
} from '../../views/forms.tsx';
import { DataTable, Section } from '../../views/kit.tsx';
import { formatTime } from '../../views/time.ts';

function base(c: Ctx) {
  return `/a/${c.var.assembly.id}/publication`;
}

function PublishState(props: { c: Ctx; view: PublicationView }) {
  const { c, view } = props;
  const t = c.var.t;
  const publishedAt = view.settings?.publishedAt ?? null;
  const href = `/public/${encodeURIComponent(c.var.assembly.slug)}`;
  return (
    <Section id="state" title={t('publication.state_title')}>
      {publishedAt ? (
        <>
          <p>
            {t('publication.is_published', { at: formatTime(c, publishedAt) })} <a href={href}>{href}</a>
          </p>
          <PostButton c={c} action={`${base(c)}/unpublish`} label={t('publication.unpublish')} />
        </>
      ) : (
        <>
          <p>{t('publication.is_not_published')}</p>
          <PostButton c={c} action={`${base(c)}/publish`} label={t('publication.publish')} />
        </>
      )}
    </Section>
  );
}

function valuesOf(view: PublicationView): FormValues {
  const s = view.settings;
  return {
    licence: s?.licence ?? 'cc-by-4.0',
    funding_amount:
      s?.fundingAmount === null || s?.fundingAmount === undefined ? '' : String(s.fundingAmount),
    advisory_board: s?.advisoryBoard ?? '',
    selection_method: s?.selectionMethod ?? '',
    sections: publicSections.filter((p) => !s?.hiddenSections.includes(p)),
  };
}

function SettingsForm(props: { c: Ctx; view: PublicationView; form: FormFailure | null }) {
  const { c, view, form } = props;
  const t = c.var.t;
  const values = form?.values ?? valuesOf(view);
  const errors = form?.errors ?? {};
  const sections = values.sections;
  const checked = Array.isArray(sections) ? sections : sections ? [sections] : [];
  return (
    <Section id="settings" title={t('publication.settings_title')} lead={t('publication.settings_lead')}>
      <form method="post" action={base(c)} novalidate>
        <Csrf c={c} />
        <ErrorSummary
          title={t('publication.errors_title')}
          errors={errors}
          labels={{
            licence: t('publication.licence'),
            funding_amount: t('publication.funding_amount'),
            advisory_board: t('publication.advisory_board'),
            selection_method: t('publication.selection_method'),
          }}
        />
        <SelectField
          name="licence"
          label={t('publication.licence')}
          hint={t('publication.licence_hint')}
          options={licenceKeys.map((k) => ({ value: k, label: licences[k].name }))}
          value={str(values, 'licence')}
          error={errors.licence}
        />
        <TextField
          name="funding_amount"
          label={t('publication.funding_amount')}
          hint={t('publication.funding_amount_hint')}
          inputmode="numeric"
          value={str(values, 'funding_amount')}
          error={errors.funding_amount}
        />
        <TextArea
          name="advisory_board"
          label={t('publication.advisory_board')}
          hint={t('publication.advisory_board_hint', { max: publicPageLimits.boardMembers })}
          rows={5}
          value={str(values, 'advisory_board')}
          error={errors.advisory_board}
        />
        <TextArea
          name="selection_method"
          label={t('publication.selection_method')}
          hint={t('publication.selection_method_hint')}
          rows={5}
          value={str(values, 'selection_method')}
          error={errors.selection_method}
        />
        <ChoiceGroup
          name="sections"
          type="checkbox"
          legend={t('publication.sections')}
          hint={t('publication.sections_hint')}
          options={publicSections.map((s) => ({ value: s, label: t(`public_page.section_${s}`) }))}
          checked={checked}
        />
        <SubmitButton label={t('publication.save')} />
      </form>
    </Section>
  );
}

function FirstPublished(props: { c: Ctx; view: PublicationView }) {
  const { c, view } = props;
  const t = c.var.t;
  return (
    <Section id="dates" title={t('publication.dates_title')}>
      <DataTable
        caption={t('publication.dates_title')}
        captionHidden
        rows={[...publicSections]}
        columns={[
          { header: t('publication.section'), rowHeader: true, cell: (s) => t(`public_page.section_${s}`) },
          {
            header: t('publication.first_published'),
            cell: (s) => {
              const at = view.firsts.get(s);
              return at ? formatTime(c, at) : t('publication.never');
            },
          },
        ]}
      />
    </Section>
  );
}

export function publicationPage(
  c: Ctx,
  view: PublicationView,
  form: FormFailure | null,
  notice: string | null,
  status?: 400 | 409,
) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'publication',
    t('publication.title'),
    <>
      <h1>{t('publication.title')}</h1>
      <p>{t('publication.lead')}</p>
      <PublishState c={c} view={view} />
      <SettingsForm c={c} view={view} form={form} />
      <FirstPublished c={c} view={view} />
    </>,
    { notice, status },
  );
}
