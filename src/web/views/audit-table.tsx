/** The audit log as a table: when, who, what, on which record; paged, newest first. */
import type { Child } from 'hono/jsx';
import type { AuditDetails as AuditDetailValues, AuditPage } from '../../repositories/audit.ts';
import type { Ctx } from '../env.ts';
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

export function AuditTable(props: { c: Ctx; page: AuditPage; pageNumber: number; basePath: string }) {
  const t = props.c.var.t;
  const { events, total } = props.page;
  const pages = Math.max(1, Math.ceil(total / 100));
  const who = (actor: string, name: string | null) =>
    name ?? (actor === 'self' ? t('audit.actor_self') : actor === 'system' ? t('audit.actor_system') : actor);
  return (
    <>
      <p>{t('audit.count', { count: total })}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.who')}</th>
              <th scope="col">{t('audit.what')}</th>
              <th scope="col">{t('audit.subject')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr>
                <td>
                  <time datetime={e.at}>{formatTime(props.c, e.at, { seconds: true })}</time>
                </td>
                <td>{who(e.actor_id, e.actor_name)}</td>
                <td>{t(`audit.action.${e.action}`, { defaultValue: e.action })}</td>
                <td>
                  {e.subject_type ? (
                    <>
                      {t(`audit.subject_type.${e.subject_type}`, { defaultValue: e.subject_type })}{' '}
                      <code>{e.subject_id?.slice(0, 8) ?? ''}</code>
                    </>
                  ) : (
                    '–'
                  )}
                </td>
                <td>
                  <AuditDetails c={props.c} details={e.details} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
