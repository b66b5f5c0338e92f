/** The assembly's description form, with its privacy notice settings: for a new assembly and to edit one. */
import { assemblyFieldLimits } from '../../../../domain/field-limits.ts';
import { privacyTextFields } from '../../../../domain/privacy-notice.ts';
import { languages, translator } from '../../../../i18n/i18n.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import {
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SubmitButton,
  str,
  TextArea,
  TextField,
} from '../../../views/forms.tsx';
import { render } from '../../../views/layout.tsx';
import { standardPrivacyText } from '../../../views/privacy-notice.tsx';
import { privacyTextName } from '../schema.ts';

type FieldsProps = { c: Ctx; values: FormValues; errors: FieldErrors };

/** The notice's texts in each language; each says what the notice shows when it is left empty. */
function PrivacyTexts(props: FieldsProps & { typed: Parameters<typeof standardPrivacyText>[2] }) {
  const { c, values, errors, typed } = props;
  const t = c.var.t;
  return (
    <>
      {privacyTextFields.flatMap((field) =>
        languages.map((language) => {
          const standard = standardPrivacyText(translator(language), language, typed, field);
          const name = privacyTextName(field, language);
          return (
            <TextArea
              name={name}
              label={t(`privacy.settings.${field}_${language}`)}
              hint={
                standard
                  ? t('privacy.settings.standard_hint', { text: standard })
                  : t('privacy.settings.more_hint')
              }
              value={str(values, name)}
              error={errors[name]}
              rows={3}
              lang={language}
            />
          );
        }),
      )}
    </>
  );
}

/**
 * The privacy notice part of the assembly form. Each text field says what the notice shows when it
 * is left empty, worked out from what is typed above (title, end date).
 */
function PrivacyFields(props: FieldsProps) {
  const { c, values, errors } = props;
  const t = c.var.t;
  const typed = {
    title: { sv: str(values, 'title_sv'), en: str(values, 'title_en') },
    ends_on: /^\d{4}-\d{2}-\d{2}$/.test(str(values, 'ends_on')) ? str(values, 'ends_on') : null,
  };
  return (
    <fieldset class="stack" id="privacy-settings">
      <legend>{t('privacy.settings.legend')}</legend>
      <p class="hint">{t('privacy.settings.lead')}</p>
      <TextField
        name="privacy_controller"
        label={t('privacy.settings.controller')}
        hint={t('privacy.settings.controller_hint')}
        value={str(values, 'privacy_controller')}
        error={errors.privacy_controller}
        autocomplete="organization"
      />
      <TextField
        name="privacy_email"
        type="email"
        label={t('privacy.settings.email')}
        value={str(values, 'privacy_email')}
        error={errors.privacy_email}
        autocomplete="off"
        inputmode="email"
      />
      <TextField
        name="privacy_phone"
        type="tel"
        label={t('privacy.settings.phone')}
        value={str(values, 'privacy_phone')}
        error={errors.privacy_phone}
        autocomplete="off"
        inputmode="tel"
      />
      <TextArea
        name="privacy_address"
        label={t('privacy.settings.address')}
        hint={t('privacy.settings.contact_hint')}
        value={str(values, 'privacy_address')}
        error={errors.privacy_address}
        rows={3}
      />
      <PrivacyTexts c={c} typed={typed} values={values} errors={errors} />
    </fieldset>
  );
}

/** What the assembly is: its title and remit in both languages, and who commissions and runs it. */
function DescriptionFields(props: FieldsProps) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
    <>
      <TextField
        name="title_sv"
        label={t('assembly.title_sv')}
        value={str(values, 'title_sv')}
        error={errors.title_sv}
        required
        lang="sv"
      />
      <TextField
        name="title_en"
        label={t('assembly.title_en')}
        value={str(values, 'title_en')}
        error={errors.title_en}
        lang="en"
      />
      <TextArea
        name="remit_sv"
        label={t('assembly.remit_sv')}
        hint={t('assembly.remit_hint')}
        value={str(values, 'remit_sv')}
        error={errors.remit_sv}
        lang="sv"
      />
      <TextArea
        name="remit_en"
        label={t('assembly.remit_en')}
        value={str(values, 'remit_en')}
        error={errors.remit_en}
        lang="en"
      />
      <TextField
        name="commissioner"
        label={t('assembly.commissioner')}
        hint={t('assembly.commissioner_hint')}
        value={str(values, 'commissioner')}
        error={errors.commissioner}
      />
      <TextField
        name="funding_source"
        label={t('assembly.funding_source')}
        value={str(values, 'funding_source')}
        error={errors.funding_source}
      />
      <TextField
        name="coordinator"
        label={t('assembly.coordinator')}
        value={str(values, 'coordinator')}
        error={errors.coordinator}
      />
    </>
  );
}

/** How big the panel is, the languages it works in and its dates. */
function PanelFields(props: FieldsProps) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
    <>
      <TextField
        name="panel_size"
        label={t('assembly.panel_size')}
        hint={t('assembly.panel_size_hint')}
        type="number"
        inputmode="numeric"
        min={assemblyFieldLimits.panelMin}
        max={assemblyFieldLimits.panelMax}
        value={str(values, 'panel_size')}
        error={errors.panel_size}
        required
      />
      <ChoiceGroup
        name="languages"
        legend={t('assembly.languages')}
        type="checkbox"
        options={languages.map((l) => ({ value: l, label: t(`assembly.language_${l}`) }))}
        checked={(values.languages as string[] | undefined) ?? []}
        error={errors.languages}
      />
      <TextField
        name="starts_on"
        label={t('assembly.starts_on')}
        type="date"
        value={str(values, 'starts_on')}
        error={errors.starts_on}
      />
      <TextField
        name="ends_on"
        label={t('assembly.ends_on')}
        type="date"
        value={str(values, 'ends_on')}
        error={errors.ends_on}
      />
    </>
  );
}

function AssemblyForm(props: {
  c: Ctx;
  action: string;
  values: FormValues;
  errors: FieldErrors;
  submit: string;
}) {
  const { c, values, errors } = props;
  const t = c.var.t;
  return (
    <form method="post" action={props.action} class="stack" novalidate>
      <Csrf c={c} />
      <ErrorSummary
        title={t('errors.summary')}
        errors={errors}
        labels={{
          title_sv: t('assembly.title_sv'),
          title_en: t('assembly.title_en'),
          remit_sv: t('assembly.remit_sv'),
          remit_en: t('assembly.remit_en'),
          commissioner: t('assembly.commissioner'),
          funding_source: t('assembly.funding_source'),
          coordinator: t('assembly.coordinator'),
          panel_size: t('assembly.panel_size'),
          languages: t('assembly.languages'),
          starts_on: t('assembly.starts_on'),
          ends_on: t('assembly.ends_on'),
        }}
      />
      <DescriptionFields c={c} values={values} errors={errors} />
      <PanelFields c={c} values={values} errors={errors} />
      <PrivacyFields c={c} values={values} errors={errors} />
      <SubmitButton label={props.submit} />
    </form>
  );
}

const statusOf = (errors: FieldErrors) => (Object.keys(errors).length > 0 ? 422 : 200);

export function newAssemblyPage(c: Ctx, values: FormValues, errors: FieldErrors = {}) {
  const t = c.var.t;
  return render(
    c,
    { title: t('assembly.new') },
    <>
      <h1>{t('assembly.new')}</h1>
      <AssemblyForm
        c={c}
        action="/assemblies/new"
        values={values}
        errors={errors}
        submit={t('assembly.create')}
      />
    </>,
    statusOf(errors),
  );
}

export function editAssemblyPage(c: Ctx, values: FormValues, errors: FieldErrors = {}) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'overview',
    t('assembly.edit'),
    <AssemblyForm
      c={c}
      action={`/a/${c.var.assembly.id}/edit`}
      values={values}
      errors={errors}
      submit={t('assembly.save')}
    />,
    { status: statusOf(errors) },
  );
}
