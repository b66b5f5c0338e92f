/**
 * The lottery's overview: uploading a register extract, the extracts kept, the draws made, and the
 * letter templates.
 */

import { languages } from '../../../../i18n/i18n.ts';
import type { TranslatedInputError } from '../../../../i18n/input-errors.ts';
import type { InvitationDrawRow, RegisterRow } from '../../../../repositories/invitation-draws.ts';
import type { Ctx } from '../../../env.ts';
import { Csrf, ErrorSummary, PostButton, SubmitButton } from '../../../views/forms.tsx';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatNumber, formatTime } from '../../../views/time.ts';
import { drawPath, invitationsPath } from '../paths.ts';
import { InputErrorDetail } from './input-error.tsx';

/** Why the last upload was refused, shown next to the file field. */
export interface UploadRefusal {
  error?: string;
  detail?: TranslatedInputError;
}

function FileField(props: { c: Ctx; maxBytes: number; refusal: UploadRefusal }) {
  const { c, refusal } = props;
  const t = c.var.t;
  return (
    <div class={refusal.error ? 'field has-error' : 'field'}>
      <label for="file">{t('lottery.file')}</label>
      <p class="hint" id="file-hint">
        {t('lottery.file_hint', { mb: formatNumber(c, props.maxBytes / 1e6) })}
      </p>
      {refusal.error ? (
        <div class="field-error" id="file-error">
          <p>{refusal.error}</p>
          <InputErrorDetail detail={refusal.detail} />
        </div>
      ) : null}
      <input
        type="file"
        id="file"
        name="file"
        accept=".csv,.txt,text/csv"
        required
        aria-invalid={refusal.error ? 'true' : undefined}
        aria-describedby={refusal.error ? 'file-hint file-error' : 'file-hint'}
      />
    </div>
  );
}

function UploadSection(props: { c: Ctx; maxBytes: number; refusal: UploadRefusal }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Section id="register-upload" title={t('lottery.upload_heading')}>
      <form
        method="post"
        action={`${invitationsPath(c)}/registers`}
        enctype="multipart/form-data"
        class="stack"
      >
        <Csrf c={c} />
        <FileField c={c} maxBytes={props.maxBytes} refusal={props.refusal} />
        <p class="hint">{t('lottery.kept_hint')}</p>
        <SubmitButton label={t('lottery.upload')} />
      </form>
    </Section>
  );
}

function RegisterActions(props: { c: Ctx; register: RegisterRow }) {
  const { c, register: r } = props;
  const t = c.var.t;
  const base = invitationsPath(c);
  if (!r.stored_as) return <>{t('lottery.register_gone')}</>;
  return (
    <>
      <a href={`${base}/registers/${r.id}`}>{t('lottery.draw_from', { file: r.file_name })}</a>
      <PostButton
        c={c}
        action={`${base}/registers/${r.id}/delete`}
        label={t('lottery.delete_register', { file: r.file_name })}
        look="link"
      />
    </>
  );
}

function RegistersSection(props: { c: Ctx; registers: RegisterRow[] }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Section id="registers" title={t('lottery.registers_heading')}>
      <DataTable
        caption={t('lottery.registers_heading')}
        captionHidden
        rows={props.registers}
        empty={t('lottery.no_registers')}
        columns={[
          { header: t('lottery.register_file'), rowHeader: true, cell: (r) => r.file_name },
          { header: t('lottery.uploaded'), cell: (r) => formatTime(c, r.created_at) },
          { header: t('lottery.rows'), numeric: true, cell: (r) => formatNumber(c, r.rows) },
          { header: t('lottery.columns'), cell: (r) => r.columns.join(', ') },
          { header: t('lottery.actions'), cell: (r) => <RegisterActions c={c} register={r} /> },
        ]}
      />
    </Section>
  );
}

function DrawsSection(props: { c: Ctx; draws: InvitationDrawRow[] }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <Section id="draws" title={t('lottery.draws_heading')}>
      <DataTable
        caption={t('lottery.draws_heading')}
        captionHidden
        rows={props.draws}
        empty={t('lottery.no_draws')}
        columns={[
          {
            header: t('lottery.drawn_at'),
            rowHeader: true,
            cell: (d) => <a href={drawPath(c, d.id)}>{formatTime(c, d.created_at)}</a>,
          },
          { header: t('lottery.letters'), numeric: true, cell: (d) => formatNumber(c, d.drawn) },
          { header: t('lottery.seed'), cell: (d) => <code>{d.seed}</code> },
        ]}
      />
      <p>
        <a href={`${invitationsPath(c)}/responses`}>{t('lottery.responses_link')}</a>
      </p>
    </Section>
  );
}

/** Links to the letter template of each language. */
export function TemplateLinks(props: { c: Ctx }) {
  const t = props.c.var.t;
  const base = invitationsPath(props.c);
  return (
    <ul>
      {languages.map((l) => (
        <li>
          <a href={`${base}/letters/${l}`}>{t(`lottery.template_${l}`)}</a>
        </li>
      ))}
    </ul>
  );
}

export function LotteryPage(props: {
  c: Ctx;
  registers: RegisterRow[];
  draws: InvitationDrawRow[];
  maxBytes: number;
  refusal: UploadRefusal;
}) {
  const { c, refusal } = props;
  const t = c.var.t;
  return (
    <>
      <p>
        <a href={invitationsPath(c)}>{t('lottery.back_to_invitations')}</a>
      </p>
      <p>{t('lottery.lead')}</p>
      <ErrorSummary
        title={t('errors.summary')}
        errors={refusal.error ? { file: refusal.error } : {}}
        labels={{ file: t('lottery.file') }}
      />
      <UploadSection c={c} maxBytes={props.maxBytes} refusal={refusal} />
      <RegistersSection c={c} registers={props.registers} />
      <DrawsSection c={c} draws={props.draws} />
      <Section id="templates" title={t('lottery.templates_heading')}>
        <p>{t('lottery.templates_text')}</p>
        <TemplateLinks c={c} />
      </Section>
    </>
  );
}
