/** The audit log as a table: when, who, what, on which record; paged, newest first. */
import type { Child } from 'hono/jsx';
import type { AuditDetails as AuditDetailValues, AuditPage } from '../../repositories/audit.ts';
import type { Ctx } from '../env.ts';
import { type Column, DataTable } from './kit.tsx';
import { formatNumber, formatTime } from './time.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const longHex = /^[0-9a-f]{32,}$/i;
/** Keys whose values are words of the application, translated by these catalogue areas. */
const valueAreas: Record<string, string[]> = {
  from: ['status', 'phase'],
  to: ['status', 'phase'],
  status: ['audit.run_status'],
  role: ['role'],
  kind: ['audit.kind'],
  outcome: ['calls.outcome'],
  language: ['audit.language'],
  changed: ['audit.field'],
  session_type: ['programme.type'],
};

/** A stored term (a status, a phase, a field) in the page's language, or as stored if unknown. */
function word(c: Ctx, key: string, value: string): string {
  for (const area of valueAreas[key] ?? []) {
    const text = c.var.t(`${area}.${value}`, { defaultValue: '' });
    if (text) return text;
  }
  return value;
}

/** One value of an event's details, in words: a number, yes or no, a short reference, a term. */
function detailValue(c: Ctx, key: string, value: unknown): Child {
  const t = c.var.t;
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
  if (typeof value === 'number') return formatNumber(c, value, 1);
  if (Array.isArray(value)) {
    return value.map((v) => (typeof v === 'string' ? word(c, key, v) : JSON.stringify(v))).join(', ');
  }
  if (typeof value === 'string') {
    // Records are named by the first characters of their id, as in the record column.
    if (uuid.test(value)) return <code>{value.slice(0, 8)}</code>;
    if (longHex.test(value)) return <code title={value}>{`${value.slice(0, 12)}…`}</code>;
    return word(c, key, value);
  }
  return value === null || value === undefined ? '–' : JSON.stringify(value);
}

/** An event's details as labelled values instead of the JSON they are stored as. */
export function AuditDetails(props: { c: Ctx; details: AuditDetailValues }) {
  const t = props.c.var.t;
  const entries = Object.entries(props.details);
  if (entries.length === 0) return null;
  return (
    <dl class="audit-details">
      {entries.map(([key, value]) => (
        <div>
          <dt>{t(`audit.detail.${key}`, { defaultValue: key })}</dt>
          <dd>{detailValue(props.c, key, value)}</dd>
        </div>
      ))}
    </dl>
  );
}

type AuditRow = AuditPage['events'][number];

/** The subject of an event: the kind of record and the first characters of its id. */
function Subject(props: { c: Ctx; event: AuditRow }) {
  const t = props.c.var.t;
  const e = props.event;
  if (!e.subject_type) return <>–</>;
  return (
    <>
      {t(`audit.subject_type.${e.subject_type}`, { defaultValue: e.subject_type })}{' '}
      <code>{e.subject_id?.slice(0, 8) ?? ''}</code>
    </>
  );
}

export function AuditTable(props: { c: Ctx; page: AuditPage; pageNumber: number; basePath: string }) {
  const { c } = props;
  const t = c.var.t;
  const { events, total } = props.page;
  const pages = Math.max(1, Math.ceil(total / 100));
  const who = (actor: string, name: string | null) =>
    name ?? (actor === 'self' ? t('audit.actor_self') : actor === 'system' ? t('audit.actor_system') : actor);
  const columns: Column<AuditRow>[] = [
    {
      header: t('audit.when'),
      cell: (e) => <time datetime={e.at}>{formatTime(c, e.at, { seconds: true })}</time>,
    },
    { header: t('audit.who'), cell: (e) => who(e.actor_id, e.actor_name) },
    { header: t('audit.what'), cell: (e) => t(`audit.action.${e.action}`, { defaultValue: e.action }) },
    { header: t('audit.subject'), cell: (e) => <Subject c={c} event={e} /> },
    { header: t('audit.details'), cell: (e) => <AuditDetails c={c} details={e.details} /> },
  ];
  return (
    <>
      <p>{t('audit.count', { count: total })}</p>
      <DataTable columns={columns} rows={events} />
      {pages > 1 ? (
        <nav class="pager" aria-label={t('audit.pages')}>
          {props.pageNumber > 1 ? (
            <a href={`${props.basePath}?page=${props.pageNumber - 1}`}>{t('audit.newer')}</a>
          ) : null}
          <span>{t('audit.page_of', { page: props.pageNumber, pages })}</span>
          {props.pageNumber < pages ? (
            <a href={`${props.basePath}?page=${props.pageNumber + 1}`}>{t('audit.older')}</a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
