/** What the staff pages and the member's page share of a request: its kind, status and material. */
import type { RequestLogEntry } from '../../../../domain/requests.ts';
import type { Ctx } from '../../../env.ts';

export function kindText(c: Ctx, entry: Pick<RequestLogEntry, 'kind'>): string {
  return c.var.t(`requests.kind_${entry.kind}`);
}

export function statusText(c: Ctx, entry: Pick<RequestLogEntry, 'status'>): string {
  return c.var.t(`requests.status_${entry.status}`);
}

/**
 * The material an answer points to: its title, linked to `href` when given (the staff library page)
 * or else to its own web address, and marked when the public sent it in.
 */
export function Material(props: { c: Ctx; material: RequestLogEntry['material']; href?: string }) {
  const { c, material } = props;
  if (!material) return null;
  const href = props.href ?? material.link;
  return (
    <>
      {href ? (
        <a href={href} rel={props.href ? undefined : 'noopener noreferrer nofollow'}>
          {material.title}
        </a>
      ) : (
        material.title
      )}
      {material.origin === 'public' ? (
        <span class="status"> {c.var.t('submissions.origin_public')}</span>
      ) : null}
    </>
  );
}
