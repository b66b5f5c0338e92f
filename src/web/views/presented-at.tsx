/**
 * "Presented at": the sessions an evidence item or an expert is linked to, on their staff pages, each
 * linking to the session (its form, for those who may edit the programme).
 */
import { labelIn } from '../../domain/questions.ts';
import { can } from '../../domain/roles.ts';
import type { PresentedAt } from '../../queries/evidence.ts';
import type { Ctx } from '../env.ts';
import { Section } from './kit.tsx';
import { formatClock, formatDay } from './time.ts';

export function PresentedAtSection(props: { c: Ctx; sessions: readonly PresentedAt[] }) {
  const { c, sessions } = props;
  const t = c.var.t;
  const editor = can(c.var.role, 'programme:edit');
  const base = `/a/${c.var.assembly.id}/programme/sessions`;
  return (
    <Section id="presented-at" title={t('session_details.presented_at')}>
      {sessions.length === 0 ? (
        <p>{t('session_details.presented_at_none')}</p>
      ) : (
        <ul>
          {sessions.map((s) => {
            const text = `${labelIn(s.title, c.var.lang)}, ${formatDay(c, s.startsAt)} ${formatClock(c, s.startsAt)}`;
            return (
              <li>
                {editor ? <a href={`${base}/${s.id}`}>{text}</a> : text}
                {s.status !== 'published' ? ` (${t(`programme.status.${s.status}`)})` : null}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
