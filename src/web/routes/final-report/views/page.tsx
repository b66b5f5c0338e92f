/**
 * The final report page: the logo, the version shown (the latest unless an earlier one was asked
 * for) with its PDFs, every version, and for organisers the button that generates a new version and
 * the logo's form.
 */
import { logoMaxBytes } from '../../../../domain/logos.ts';
import { can } from '../../../../domain/roles.ts';
import { type Language, languages } from '../../../../i18n/i18n.ts';
import type { FinalReportPage, FinalReportVersion } from '../../../../queries/final-report.ts';
import type { Ctx } from '../../../env.ts';
import type { FormFailure } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { Csrf, ErrorSummary, SubmitButton, str, TextField } from '../../../views/forms.tsx';
import { DataTable, EmptyState, Section } from '../../../views/kit.tsx';
import { formatNumber, formatTime } from '../../../views/time.ts';
import { ReportBody } from './report.tsx';

function base(c: Ctx): string {
  return `/a/${c.var.assembly.id}/final-report`;
}

function pdfHref(c: Ctx, number: number, language: Language): string {
  return `${base(c)}/versions/${number}/pdf/${language}`;
}

function Downloads(props: { c: Ctx; version: FinalReportVersion }) {
  const { c, version } = props;
  const t = c.var.t;
  return (
    <ul class="inline-list">
      {version.languages
        .filter((l) => version.files[l])
        .map((language) => (
          <li>
            <a href={pdfHref(c, version.number, language)} hreflang={language} download>
              {t('final_report.download', { language: t(`final_report.language_${language}`) })}
            </a>
          </li>
        ))}
    </ul>
  );
}

function Versions(props: { c: Ctx; versions: FinalReportVersion[] }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Section id="versions" title={t('final_report.versions_title')}>
      <DataTable
        caption={t('final_report.versions_caption')}
        captionHidden
        rows={props.versions}
        empty={t('final_report.none_yet')}
        columns={[
          {
            header: t('final_report.col_version'),
            rowHeader: true,
            numeric: true,
            cell: (v: FinalReportVersion) => formatNumber(c, v.number),
          },
          {
            header: t('final_report.col_created'),
            cell: (v: FinalReportVersion) => formatTime(c, v.createdAt),
          },
          {
            header: t('final_report.col_files'),
            cell: (v: FinalReportVersion) => <Downloads c={c} version={v} />,
          },
          {
            header: t('final_report.col_read'),
            cell: (v: FinalReportVersion) => (
              <a href={`${base(c)}/versions/${v.number}`}>
                {t('final_report.read_version', { number: v.number })}
              </a>
            ),
          },
        ]}
      />
    </Section>
  );
}

function Generate(props: { c: Ctx }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <form method="post" action={`${base(c)}/generate`} class="stack">
      <Csrf c={c} />
      <p>{t('final_report.generate_lead')}</p>
      <SubmitButton label={t('final_report.generate')} />
    </form>
  );
}

function LogoForm(props: { c: Ctx; failure: FormFailure }) {
  const { c, failure } = props;
  const t = c.var.t;
  const error = failure.errors.logo;
  const labels = { logo: t('final_report.logo_file'), description: t('final_report.logo_description') };
  return (
    <form method="post" action={`${base(c)}/logo`} class="stack" enctype="multipart/form-data" novalidate>
      <ErrorSummary title={t('final_report.error_title')} errors={failure.errors} labels={labels} />
      <Csrf c={c} />
      <div class={error ? 'field has-error' : 'field'}>
        <label for="logo">{labels.logo}</label>
        <p class="hint" id="logo-hint">
          {t('final_report.logo_hint', { mb: formatNumber(c, logoMaxBytes / 1_000_000, 1) })}
        </p>
        {error ? (
          <p class="field-error" id="logo-error">
            {error}
          </p>
        ) : null}
        <input
          type="file"
          id="logo"
          name="logo"
          accept="image/png,image/jpeg,.png,.jpg,.jpeg"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'logo-hint logo-error' : 'logo-hint'}
        />
      </div>
      <TextField
        name="description"
        label={labels.description}
        hint={t('final_report.logo_description_hint')}
        value={str(failure.values, 'description')}
        error={failure.errors.description}
      />
      <SubmitButton label={t('final_report.logo_save')} />
    </form>
  );
}

function Logo(props: { c: Ctx; page: FinalReportPage; failure: FormFailure }) {
  const { c, page } = props;
  const t = c.var.t;
  const manage = can(c.var.role, 'assembly:edit');
  if (!page.logo && !manage) return null;
  return (
    <Section id="logo-section" title={t('final_report.logo_title')} lead={t('final_report.logo_lead')}>
      {page.logo ? (
        <img
          class="assembly-logo"
          src={`${base(c)}/logo`}
          alt={t('final_report.logo_alt_shown', { description: page.logo.description })}
        />
      ) : (
        <EmptyState>{t('final_report.logo_none')}</EmptyState>
      )}
      {manage ? <LogoForm c={c} failure={props.failure} /> : null}
    </Section>
  );
}

function Shown(props: { c: Ctx; page: FinalReportPage }) {
  const { c, page } = props;
  const t = c.var.t;
  const shown = page.shown;
  if (!shown) return <EmptyState>{t('final_report.none_yet')}</EmptyState>;
  const latest = page.versions[0]?.number ?? shown.number;
  const report = shown.content[c.var.lang] ?? languages.map((l) => shown.content[l]).find(Boolean);
  return (
    <Section
      id="shown"
      title={t('final_report.version_line', { number: shown.number, when: formatTime(c, shown.createdAt) })}
    >
      {shown.number !== latest ? (
        <p class="notice-inline">
          {t('final_report.viewing_older', { number: shown.number, latest })}{' '}
          <a href={base(c)}>{t('final_report.read_latest')}</a>
        </p>
      ) : null}
      <p>{t('final_report.downloads')}</p>
      <Downloads c={c} version={shown} />
      {report ? <ReportBody c={c} report={report} /> : null}
    </Section>
  );
}

export function finalReportPageView(
  c: Ctx,
  page: FinalReportPage,
  options: { notice: string | null; logoFailure: FormFailure; status?: 422 },
) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'final-report',
    t('final_report.title'),
    <>
      <p>{t('final_report.lead')}</p>
      {can(c.var.role, 'assembly:edit') ? <Generate c={c} /> : null}
      <Shown c={c} page={page} />
      <Versions c={c} versions={page.versions} />
      <Logo c={c} page={page} failure={options.logoFailure} />
    </>,
    { notice: options.notice, status: options.status },
  );
}
