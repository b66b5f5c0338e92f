/**
 * The changes of a published session that members were told of (by e-mail, or a letter to those
 * without), on the organiser's session page: when, what changed, and what it was before.
 */
import type { SessionChange } from '../../../../repositories/session-details.ts';
import type { Ctx } from '../../../env.ts';
import { DataTable, Section } from '../../../views/kit.tsx';
import { formatClock, formatDay, formatTime } from '../../../views/time.ts';

function whatText(c: Ctx, change: SessionChange): string {
  const t = c.var.t;
  if (change.kind === 'cancelled') return t('session_details.change_cancelled');
  return [
    change.timeChanged ? t('session_details.change_time') : '',
    change.placeChanged ? t('session_details.change_place') : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function beforeText(c: Ctx, change: SessionChange): string {
  const { previous } = change;
  const when = `${formatDay(c, previous.startsAt)} ${formatClock(c, previous.startsAt)}–${formatClock(c, previous.endsAt)}`;
  const where = [previous.address, previous.room, previous.onlineLink]
    .filter((p) => p.trim() !== '')
    .join(', ');
  return [when, where].filter(Boolean).join('; ');
}

export function SessionChanges(props: { c: Ctx; changes: readonly SessionChange[] }) {
  const { c, changes } = props;
  const t = c.var.t;
  return (
    <Section
      id="session-changes"
      title={t('session_details.changes_title')}
      lead={t('session_details.changes_lead')}
    >
      <DataTable
        caption={t('session_details.changes_title')}
        captionHidden
        empty={t('session_details.changes_none')}
        rows={changes}
        columns={[
          {
            header: t('session_details.change_when'),
            cell: (change: SessionChange) => formatTime(c, change.changedAt),
          },
          { header: t('session_details.change_what'), cell: (change: SessionChange) => whatText(c, change) },
          {
            header: t('session_details.change_before'),
            cell: (change: SessionChange) => beforeText(c, change),
          },
        ]}
      />
    </Section>
  );
}
