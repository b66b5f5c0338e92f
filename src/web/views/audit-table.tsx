/** The audit log as a table: when, who, what, on which record; paged, newest first. */
import type { AuditPage } from '../../repositories/audit.ts';
import type { Ctx } from '../env.ts';

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
                  <time datetime={e.at}>
                    {new Date(e.at).toLocaleString(props.c.var.lang === 'sv' ? 'sv-SE' : 'en-GB')}
                  </time>
                </td>
                <td>{who(e.actor_id, e.actor_name)}</td>
                <td>{t(`audit.action.${e.action}`, { defaultValue: e.action })}</td>
                <td>{e.subject_type ? `${e.subject_type} ${e.subject_id?.slice(0, 8) ?? ''}` : '–'}</td>
                <td>
                  <code>{e.details === '{}' ? '' : e.details}</code>
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
