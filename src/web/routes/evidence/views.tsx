/** The evidence library's pages: the list, the form for a new item, and an item with its form. */
import { evidenceFieldLimits } from '../../../domain/field-limits.ts';
import { can } from '../../../domain/roles.ts';
import { pdfOrImageAccept } from '../../../domain/uploaded-files.ts';
import type { EvidenceItem, PresentedAt } from '../../../queries/evidence.ts';
import type { Ctx } from '../../env.ts';
import type { FormFailure } from '../../form.ts';
import { renderAssemblyPage } from '../../views/assembly-frame.tsx';
import {
  ButtonLink,
  ChoiceGroup,
  Csrf,
  ErrorSummary,
  type FormValues,
  PostButton,
  SubmitButton,
  str,
  TextArea,
  TextField,
} from '../../views/forms.tsx';
import { DataTable, Section } from '../../views/kit.tsx';
import { PresentedAtSection } from '../../views/presented-at.tsx';
import { formatDate, formatNumber } from '../../views/time.ts';

const fields = [
  'title',
  'summary',
  'source',
  'published_on',
  'perspective',
  'language',
  'easy_read',
  'link',
  'file',
] as const;

/** An item as its form shows it. */
export function valuesOf(item: EvidenceItem): FormValues {
  return {
    title: item.title,
    summary: item.summary,
    source: item.source,
    published_on: item.published_on ?? '',
    perspective: item.perspective,
    language: item.language,
    easy_read: item.easy_read,
    link: item.link ?? '',
  };
}

function base(c: Ctx) {
  return `/a/${c.var.assembly.id}/evidence`;
}

/** The download link of an item's file, with its name and size. */
function FileLink(props: { c: Ctx; item: EvidenceItem }) {
  const { c, item } = props;
  const kb = Math.max(1, Math.round((item.file_size ?? 0) / 1000));
  return (
    <a href={`${base(c)}/${item.id}/file`} download>
      {c.var.t('evidence.file_link', { name: item.file_name ?? '', size: formatNumber(c, kb) })}
    </a>
  );
}

/** The file input, tied to its hint and error; on a refused form the file must be chosen again. */
function FileField(props: { c: Ctx; error?: string; maxBytes: number }) {
  const t = props.c.var.t;
  const { error } = props;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for="file">{t('evidence.file')}</label>
      <p class="hint" id="file-hint">
        {t('evidence.hint_file', { mb: formatNumber(props.c, props.maxBytes / 1_000_000, 1) })}
      </p>
      {error ? (
        <p class="field-error" id="file-error">
          {error}
        </p>
      ) : null}
      <input
        type="file"
        id="file"
        name="file"
        accept={pdfOrImageAccept}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'file-hint file-error' : 'file-hint'}
      />
    </div>
  );
}

/** The item's file on its form: a link to it, and the box that removes it. */
function CurrentFile(props: { c: Ctx; item: EvidenceItem; values: FormValues }) {
  const { c, item } = props;
  const t = c.var.t;
  return (
    <>
      <p>
        {t('evidence.file_current')} <FileLink c={c} item={item} />
      </p>
      <ChoiceGroup
        name="remove_file"
        legend={t('evidence.remove_file_legend')}
        type="checkbox"
        options={[{ value: 'yes', label: t('evidence.remove_file') }]}
        checked={str(props.values, 'remove_file') === 'yes' ? ['yes'] : []}
      />
    </>
  );
}

/** Marks an item the public sent in (an accepted submission); nothing for the organisers' own. */
function OriginMark(props: { c: Ctx; item: EvidenceItem }) {
  return props.item.origin === 'public' ? (
    <span class="status">{props.c.var.t('submissions.origin_public')}</span>
  ) : null;
}

function EvidenceTable(props: { c: Ctx; items: EvidenceItem[] }) {
  const { c } = props;
  const t = c.var.t;
  return (
    <DataTable
      caption={t('evidence.caption')}
      captionHidden
      rows={props.items}
      empty={t('evidence.empty')}
      columns={[
        {
          header: t('evidence.title_field'),
          rowHeader: true,
          cell: (i) => (
            <>
              <a href={`${base(c)}/${i.id}`}>{i.title}</a> <OriginMark c={c} item={i} />
            </>
          ),
        },
        { header: t('evidence.source'), cell: (i) => i.source || '–' },
        {
          header: t('evidence.published_on'),
          cell: (i) => (i.published_on ? formatDate(c, i.published_on) : '–'),
        },
        { header: t('evidence.perspective'), cell: (i) => i.perspective || '–' },
        { header: t('evidence.language'), cell: (i) => i.language || '–' },
        {
          header: t('evidence.link'),
          cell: (i) =>
            i.link ? (
              <a href={i.link} rel="noopener noreferrer nofollow">
                {t('evidence.open_link')}
              </a>
            ) : (
              '–'
            ),
        },
        { header: t('evidence.file'), cell: (i) => (i.file_key ? <FileLink c={c} item={i} /> : '–') },
      ]}
    />
  );
}

export function evidenceListPage(c: Ctx, items: EvidenceItem[], notice: string | null) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'evidence',
    t('evidence.title'),
    <>
      <p>{t('evidence.lead')}</p>
      {can(c.var.role, 'evidence:edit') ? (
        <ButtonLink href={`${base(c)}/new`}>{t('evidence.add')}</ButtonLink>
      ) : null}
      <Section id="evidence-items" title={t('evidence.list_title')}>
        <EvidenceTable c={c} items={items} />
      </Section>
    </>,
    { notice },
  );
}

/** The fields of an item, filled with what was typed (or stored) and their errors. */
function EvidenceForm(props: {
  c: Ctx;
  action: string;
  submit: string;
  form: FormFailure;
  item?: EvidenceItem;
  /** The largest file the form takes, for its hint. */
  fileBytes: number;
}) {
  const { c, form } = props;
  const t = c.var.t;
  const v = (name: string) => str(form.values, name);
  const labels = Object.fromEntries(
    fields.map((f) => [f, t(`evidence.${f === 'title' ? 'title_field' : f}`)]),
  );
  const limit = (field: keyof typeof evidenceFieldLimits) =>
    t('evidence.hint_max', { max: formatNumber(c, evidenceFieldLimits[field]) });
  return (
    <form method="post" action={props.action} class="stack" enctype="multipart/form-data" novalidate>
      <Csrf c={c} />
      <ErrorSummary title={t('errors.summary')} errors={form.errors} labels={labels} />
      <TextField name="title" label={labels.title} value={v('title')} error={form.errors.title} required />
      <TextArea
        name="summary"
        label={labels.summary}
        value={v('summary')}
        error={form.errors.summary}
        hint={limit('summary')}
        rows={5}
      />
      <TextField name="source" label={labels.source} value={v('source')} error={form.errors.source} />
      <TextField
        name="published_on"
        type="date"
        label={labels.published_on}
        value={v('published_on')}
        error={form.errors.published_on}
      />
      <TextField
        name="perspective"
        label={labels.perspective}
        value={v('perspective')}
        error={form.errors.perspective}
        hint={t('evidence.hint_perspective')}
      />
      <TextField name="language" label={labels.language} value={v('language')} error={form.errors.language} />
      <TextArea
        name="easy_read"
        label={labels.easy_read}
        value={v('easy_read')}
        error={form.errors.easy_read}
        hint={t('evidence.hint_easy_read')}
        rows={5}
      />
      <TextField
        name="link"
        label={labels.link}
        value={v('link')}
        error={form.errors.link}
        hint={t('evidence.hint_link')}
      />
      {props.item?.file_key ? <CurrentFile c={c} item={props.item} values={form.values} /> : null}
      <FileField c={c} error={form.errors.file} maxBytes={props.fileBytes} />
      <SubmitButton label={props.submit} />
    </form>
  );
}

function status(form: FormFailure) {
  return Object.keys(form.errors).length > 0 ? 422 : 200;
}

export function newEvidencePage(c: Ctx, form: FormFailure, fileBytes: number) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'evidence',
    t('evidence.new_title'),
    <Section id="evidence-new" title={t('evidence.new_title')}>
      <EvidenceForm c={c} action={base(c)} submit={t('evidence.create')} form={form} fileBytes={fileBytes} />
    </Section>,
    { status: status(form) },
  );
}

/** What a reader sees of an item: every text as stored. */
function ItemFacts(props: { c: Ctx; item: EvidenceItem }) {
  const { c, item } = props;
  const t = c.var.t;
  const fact = (label: string, value: string | null) => (
    <>
      <dt>{label}</dt>
      <dd class="prewrap">{value || '–'}</dd>
    </>
  );
  return (
    <dl class="facts">
      {fact(t('evidence.summary'), item.summary)}
      {fact(t('evidence.source'), item.source)}
      {fact(t('evidence.published_on'), item.published_on ? formatDate(c, item.published_on) : null)}
      {fact(t('evidence.perspective'), item.perspective)}
      {fact(t('evidence.language'), item.language)}
      {fact(t('evidence.easy_read'), item.easy_read)}
      <dt>{t('evidence.link')}</dt>
      <dd>
        {item.link ? (
          <a href={item.link} rel="noopener noreferrer nofollow">
            {item.link}
          </a>
        ) : (
          '–'
        )}
      </dd>
      <dt>{t('evidence.file')}</dt>
      <dd>{item.file_key ? <FileLink c={c} item={item} /> : '–'}</dd>
    </dl>
  );
}

export function evidenceItemPage(
  c: Ctx,
  item: EvidenceItem,
  form: FormFailure,
  fileBytes: number,
  presentedAt?: PresentedAt[],
) {
  const t = c.var.t;
  const editor = can(c.var.role, 'evidence:edit');
  const href = `${base(c)}/${item.id}`;
  return renderAssemblyPage(
    c,
    'evidence',
    item.title,
    <>
      <p>
        <a href={base(c)}>{t('evidence.back')}</a>
      </p>
      {item.origin === 'public' ? (
        <p>
          <OriginMark c={c} item={item} />
        </p>
      ) : null}
      {editor ? (
        <Section id="evidence-edit" title={t('evidence.edit_title', { title: item.title })}>
          <EvidenceForm
            c={c}
            action={href}
            submit={t('evidence.save')}
            form={form}
            item={item}
            fileBytes={fileBytes}
          />
          <PostButton c={c} action={`${href}/delete`} label={t('evidence.delete')} />
        </Section>
      ) : (
        <Section id="evidence-item" title={item.title}>
          <ItemFacts c={c} item={item} />
        </Section>
      )}
      {presentedAt ? <PresentedAtSection c={c} sessions={presentedAt} /> : null}
    </>,
    { status: status(form) },
  );
}
