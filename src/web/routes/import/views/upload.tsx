/** The import's first page: the upload form and the imports so far. */
import type { TranslatedInputError } from '../../../../i18n/input-errors.ts';
import type { ImportRow } from '../../../../repositories/imports.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { Csrf, ErrorSummary, SubmitButton } from '../../../views/forms.tsx';
import { DataTable, EmptyState } from '../../../views/kit.tsx';
import { formatNumber, formatTime } from '../../../views/time.ts';

export interface UploadPageOptions {
  error?: string;
  detail?: TranslatedInputError;
  notice?: string | null;
  status?: 200 | 404 | 422;
}

function UploadForm(props: { c: Ctx; error?: string; detail?: TranslatedInputError }) {
  const t = props.c.var.t;
  const { error, detail } = props;
  return (
    <form
      method="post"
      action={`/a/${props.c.var.assembly.id}/import`}
      enctype="multipart/form-data"
      class="stack"
    >
      <Csrf c={props.c} />
      <div class={error ? 'field has-error' : 'field'}>
        <label for="file">{t('import.file')}</label>
        <p class="hint" id="file-hint">
          {t('import.file_hint')}
        </p>
        {error ? (
          <div class="field-error" id="file-error">
            <p>{error}</p>
            {/* The reader's message names the file, line and column; untranslated ones stay English. */}
            {detail ? <p lang={detail.translated ? undefined : 'en'}>{detail.text}</p> : null}
          </div>
        ) : null}
        <input
          type="file"
          id="file"
          name="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'file-hint file-error' : 'file-hint'}
        />
      </div>
      <p class="hint">{t('import.kept_hint')}</p>
      <SubmitButton label={t('import.upload')} />
    </form>
  );
}

function EarlierImports(props: { c: Ctx; imports: ImportRow[] }) {
  const { c, imports } = props;
  const t = c.var.t;
  return (
    <>
      <h2>{t('import.earlier')}</h2>
      {imports.length === 0 ? (
        <EmptyState>{t('import.none_yet')}</EmptyState>
      ) : (
        <DataTable
          rows={imports}
          columns={[
            {
              header: t('import.col_when'),
              cell: (i) => <time datetime={i.created_at}>{formatTime(c, i.created_at)}</time>,
            },
            { header: t('import.col_file'), cell: (i) => i.file_name },
            { header: t('import.col_added'), cell: (i) => formatNumber(c, i.rows_added), numeric: true },
            {
              header: t('import.col_unchanged'),
              cell: (i) => formatNumber(c, i.rows_unchanged),
              numeric: true,
            },
          ]}
        />
      )}
    </>
  );
}

export function uploadPage(c: Ctx, imports: ImportRow[], options: UploadPageOptions = {}) {
  const t = c.var.t;
  return renderAssemblyPage(
    c,
    'import',
    t('import.title'),
    <>
      <ErrorSummary
        title={t('errors.summary')}
        errors={options.error ? { file: options.error } : {}}
        labels={{ file: t('import.file') }}
      />
      <p>{t('import.lead')}</p>
      <UploadForm c={c} error={options.error} detail={options.detail} />
      <EarlierImports c={c} imports={imports} />
    </>,
    { notice: options.notice, status: options.status },
  );
}
