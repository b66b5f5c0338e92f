/** A letter template in one language: the placeholders it may use, its form, and a preview. */
import type { Language } from '../../../../i18n/i18n.ts';
import { translator } from '../../../../i18n/i18n.ts';
import {
  codePlaceholder,
  type LetterTemplate,
  type MergedLetter,
  templateLimits,
  urlPlaceholder,
} from '../../../../letters/letter-template.ts';
import type { Ctx } from '../../../env.ts';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../views/forms.tsx';
import { formatNumber } from '../../../views/time.ts';
import { invitationsPath } from '../paths.ts';

/** Lines of text, with a line break between them. */
function Lines(props: { text: string }) {
  return (
    <>
      {props.text.split('\n').map((line, i) => (
        <>
          {i > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </>
  );
}

function LetterPreview(props: { c: Ctx; letter: MergedLetter; sample: boolean }) {
  const { c, letter } = props;
  const t = c.var.t;
  return (
    <section aria-labelledby="preview-heading" class="card" id="letter-preview" lang={letter.language}>
      <h2 id="preview-heading" lang={c.var.lang}>
        {t('lottery.preview_heading')}
      </h2>
      <p class="hint" lang={c.var.lang}>
        {props.sample ? t('lottery.preview_sample') : t('lottery.preview_first')}
      </p>
      <p>
        <Lines text={letter.addressLines.join('\n')} />
      </p>
      <h3>{letter.subject}</h3>
      {letter.body.split(/\n\s*\n/).map((paragraph) => (
        <p>
          <Lines text={paragraph} />
        </p>
      ))}
      <p>
        <Lines text={letter.signature} />
      </p>
      <p>
        {translator(letter.language)('letters.pdf_code_label')}: <strong>{letter.code}</strong>
      </p>
      <p>
        <code>{letter.url}</code>
      </p>
    </section>
  );
}

function TemplateForm(props: { c: Ctx; language: Language; values: LetterTemplate; errors: FieldErrors }) {
  const { c, language, values, errors } = props;
  const t = c.var.t;
  return (
    <form method="post" action={`${invitationsPath(c)}/letters/${language}`} class="stack" novalidate>
      <Csrf c={c} />
      <ErrorSummary
        title={t('errors.summary')}
        errors={errors}
        labels={{
          subject: t('lottery.template_subject'),
          address: t('lottery.template_address'),
          body: t('lottery.template_body'),
          signature: t('lottery.template_signature'),
        }}
      />
      <TextField
        name="subject"
        label={t('lottery.template_subject')}
        value={values.subject}
        error={errors.subject}
        lang={language}
      />
      <TextArea
        name="address"
        label={t('lottery.template_address')}
        hint={t('lottery.template_address_hint')}
        value={values.address}
        error={errors.address}
        rows={5}
        lang={language}
      />
      <TextArea
        name="body"
        label={t('lottery.template_body')}
        hint={t('lottery.template_body_hint', { max: formatNumber(c, templateLimits.body) })}
        value={values.body}
        error={errors.body}
        rows={14}
        lang={language}
      />
      <TextArea
        name="signature"
        label={t('lottery.template_signature')}
        value={values.signature}
        error={errors.signature}
        rows={4}
        lang={language}
      />
      <div class="actions">
        <SubmitButton label={t('lottery.template_save')} name="action" value="save" />
        <SubmitButton label={t('lottery.template_preview')} name="action" value="preview" secondary />
      </div>
    </form>
  );
}

export function TemplatePage(props: {
  c: Ctx;
  language: Language;
  /** The extract's columns placeholders may name; null before the first extract. */
  columns: string[] | null;
  values: LetterTemplate;
  errors: FieldErrors;
  preview: { letter: MergedLetter; sample: boolean } | null;
}) {
  const { c, columns, preview } = props;
  const t = c.var.t;
  const placeholders = [...(columns ?? []), codePlaceholder, urlPlaceholder].map((p) => `{{${p}}}`).join(' ');
  return (
    <>
      <p>
        <a href={`${invitationsPath(c)}/lottery`}>{t('lottery.back_to_lottery')}</a>
      </p>
      <p>{t('lottery.template_lead')}</p>
      <p id="placeholders">
        {columns
          ? t('lottery.placeholders', { placeholders })
          : t('lottery.placeholders_no_register', { placeholders })}
      </p>
      <TemplateForm c={c} language={props.language} values={props.values} errors={props.errors} />
      {preview ? <LetterPreview c={c} letter={preview.letter} sample={preview.sample} /> : null}
    </>
  );
}
