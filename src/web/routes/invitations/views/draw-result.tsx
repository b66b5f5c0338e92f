/**
 * A stored draw: its facts and fingerprint (with the check that draws it again), warnings, the letters
 * per stratum, the letters' downloads, and erasing the addresses of those who did not answer.
 */
import { languages } from '../../../../i18n/i18n.ts';
import type { DrawResult } from '../../../../queries/invitations.ts';
import type { InvitationDrawRow, StoredDrawSettings } from '../../../../repositories/invitation-draws.ts';
import type { Ctx } from '../../../env.ts';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  PostButton,
  SelectField,
  SubmitButton,
  TextField,
} from '../../../views/forms.tsx';
import { Section } from '../../../views/kit.tsx';
import { formatNumber } from '../../../views/time.ts';
import { drawPath, invitationsPath } from '../paths.ts';

/** The draw page's forms as shown again: the letters' address as typed, and what was refused. */
export interface DrawPageForm {
  base?: string;
  errors: FieldErrors;
}

function DrawFacts(props: { c: Ctx; result: DrawResult }) {
  const { c } = props;
  const { draw, register } = props.result;
  const settings = draw.settings;
  const t = c.var.t;
  return (
    <dl class="facts" id="draw-facts">
      <dt>{t('lottery.register_file')}</dt>
      <dd>{register?.file_name ?? t('lottery.register_gone')}</dd>
      <dt>{t('lottery.rows_read')}</dt>
      <dd>{formatNumber(c, settings.rowsRead)}</dd>
      <dt>{t('lottery.households')}</dt>
      <dd>{formatNumber(c, settings.households)}</dd>
      <dt>{t('lottery.requested')}</dt>
      <dd>{formatNumber(c, draw.requested)}</dd>
      <dt>{t('lottery.letters')}</dt>
      <dd id="drawn-count">{formatNumber(c, draw.drawn)}</dd>
      <dt>{t('lottery.household_columns')}</dt>
      <dd>
        {settings.householdColumns.length > 0 ? settings.householdColumns.join(', ') : t('lottery.none')}
      </dd>
      <dt>{t('lottery.stratify')}</dt>
      <dd>{settings.stratifyColumn ?? t('lottery.none')}</dd>
      <dt>{t('lottery.seed')}</dt>
      <dd>
        <code id="draw-seed">{draw.seed}</code>
      </dd>
      <dt>{t('lottery.result_sha256')}</dt>
      <dd>
        <code id="draw-hash">{draw.result_sha256}</code>
      </dd>
      <dt>{t('lottery.file_sha256')}</dt>
      <dd>
        <code>{settings.registerSha256}</code>
      </dd>
    </dl>
  );
}

function Warnings(props: { c: Ctx; warnings: StoredDrawSettings['warnings'] }) {
  const t = props.c.var.t;
  if (props.warnings.length === 0) return null;
  return (
    <Section id="draw-warnings" title={t('lottery.warnings')}>
      <ul>
        {props.warnings.map((w) =>
          typeof w === 'string' ? (
            <li lang="en">{w}</li>
          ) : (
            <li>{t(`invitation_warnings.${w.code}`, w.params)}</li>
          ),
        )}
      </ul>
    </Section>
  );
}

function Allocation(props: { c: Ctx; allocation: StoredDrawSettings['allocation'] }) {
  const { c } = props;
  const t = c.var.t;
  if (props.allocation.length === 0) return null;
  // By hand rather than DataTable: the table keeps its id, which the recruitment test reads.
  return (
    <Section id="draw-allocation" title={t('lottery.allocation')}>
      <div class="table-wrap">
        <table id="allocation">
          <caption class="visually-hidden">{t('lottery.allocation')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lottery.stratum')}</th>
              <th scope="col" class="number">
                {t('lottery.households')}
              </th>
              <th scope="col" class="number">
                {t('lottery.weight')}
              </th>
              <th scope="col" class="number">
                {t('lottery.letters')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.allocation.map((a) => (
              <tr>
                <th scope="row">{a.stratum || t('lottery.blank_stratum')}</th>
                <td class="number">{formatNumber(c, a.households)}</td>
                <td class="number">{formatNumber(c, a.weight, 3)}</td>
                <td class="number">{formatNumber(c, a.letters)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function DownloadForm(props: {
  c: Ctx;
  draw: InvitationDrawRow;
  recipients: number;
  form: DrawPageForm;
  defaultBase: string;
}) {
  const { c, form } = props;
  const t = c.var.t;
  const b = drawPath(c, props.draw.id);
  return (
    <form method="get" action={`${b}/letters.pdf`} class="stack narrow" novalidate>
      <p>{t('lottery.letters_text', { count: props.recipients })}</p>
      <TextField
        name="base"
        label={t('lottery.base')}
        hint={t('lottery.base_hint')}
        value={form.base ?? props.defaultBase}
        error={form.errors.base}
        autocomplete="url"
      />
      <SelectField
        name="language"
        label={t('lottery.pdf_language')}
        options={languages.map((l) => ({ value: l, label: t(`lottery.language_${l}`) }))}
        empty={t('lottery.all_languages')}
      />
      <div class="actions">
        <SubmitButton label={t('lottery.download_pdf')} />
        <button type="submit" class="button secondary" formaction={`${b}/letters.csv`}>
          {t('lottery.download_csv')}
        </button>
      </div>
      <p class="hint">
        {t('lottery.templates_text')}{' '}
        {languages.map((l) => (
          <>
            <a href={`${invitationsPath(c)}/letters/${l}`}>{t(`lottery.template_${l}`)}</a>{' '}
          </>
        ))}
      </p>
    </form>
  );
}

function EraseForm(props: { c: Ctx; draw: InvitationDrawRow; error?: string }) {
  const { c, error } = props;
  const t = c.var.t;
  return (
    <form method="post" action={`${drawPath(c, props.draw.id)}/erase`} class="stack narrow" novalidate>
      <Csrf c={c} />
      <div class={error ? 'field has-error' : 'field'}>
        {error ? (
          <p class="field-error" id="confirm-error">
            {error}
          </p>
        ) : null}
        <div class="choice">
          <input
            type="checkbox"
            id="confirm"
            name="confirm"
            value="yes"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'confirm-error' : undefined}
          />
          <label for="confirm">{t('lottery.erase_confirm')}</label>
        </div>
      </div>
      <button type="submit" class="button danger">
        {t('lottery.erase')}
      </button>
    </form>
  );
}

export function DrawResultPage(props: {
  c: Ctx;
  result: DrawResult;
  form: DrawPageForm;
  defaultBase: string;
}) {
  const { c, result, form } = props;
  const { draw, register, recipients } = result;
  const t = c.var.t;
  return (
    <>
      <p>
        <a href={`${invitationsPath(c)}/lottery`}>{t('lottery.back_to_lottery')}</a>
      </p>
      <ErrorSummary
        title={t('errors.summary')}
        errors={form.errors}
        labels={{ base: t('lottery.base'), confirm: t('lottery.erase_confirm') }}
      />
      <DrawFacts c={c} result={result} />
      <p>{t('lottery.reproducible_text')}</p>
      {register?.stored_as ? (
        <PostButton c={c} action={`${drawPath(c, draw.id)}/check`} label={t('lottery.check')} />
      ) : null}
      {draw.settings.replacedCodes > 0 ? (
        <p class="warning">{t('lottery.replaced_codes', { count: draw.settings.replacedCodes })}</p>
      ) : null}
      <Warnings c={c} warnings={draw.settings.warnings} />
      <Allocation c={c} allocation={draw.settings.allocation} />
      <Section id="draw-letters" title={t('lottery.letters_heading')}>
        {recipients === 0 ? (
          <p>{t('lottery.no_recipients')}</p>
        ) : (
          <DownloadForm
            c={c}
            draw={draw}
            recipients={recipients}
            form={form}
            defaultBase={props.defaultBase}
          />
        )}
      </Section>
      <Section id="draw-erase" title={t('lottery.erase_heading')}>
        <p>{t('lottery.erase_text')}</p>
        {recipients > 0 || register?.stored_as ? (
          <EraseForm c={c} draw={draw} error={form.errors.confirm} />
        ) : (
          <p>{t('lottery.erased_already')}</p>
        )}
      </Section>
    </>
  );
}
