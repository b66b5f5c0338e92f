/**
 * The door's check-in page, made for a tablet: the session, a name search that is a plain GET form,
 * the count of who is in, and one large button per member. A refusal is shown at the top, never
 * swallowed; what went well comes back as the page's notice (name and time).
 */
import type { CheckInView, DoorMember } from '../../../../queries/attendance.ts';
import type { AssemblySession } from '../../../../repositories/sessions.ts';
import type { Ctx } from '../../../env.ts';
import { Csrf, ErrorSummary, SelectField, SubmitButton, TextField } from '../../../views/forms.tsx';
import { EmptyState } from '../../../views/kit.tsx';
import { formatClock, formatDay } from '../../../views/time.ts';

export interface CheckInProps {
  c: Ctx;
  view: CheckInView;
  /** `/a/<id>/check-in`. */
  base: string;
  search: string;
  /** Set on a member's own page (her QR code): the list is her alone, and the button comes back here. */
  personId?: string;
  /** Why the last check-in was refused. */
  refusal?: string;
}

export function sessionLabel(c: Ctx, s: AssemblySession): string {
  const title = (c.var.lang === 'en' && s.title.en) || s.title.sv;
  const when = `${formatDay(c, s.startsAt)} ${formatClock(c, s.startsAt)}–${formatClock(c, s.endsAt)}`;
  return c.var.t('attendance.session_option', { title, when });
}

/** The session and the search, in one GET form that works without script. */
function Finder(props: CheckInProps) {
  const { c, view, base, search, personId } = props;
  const t = c.var.t;
  const action = personId ? `${base}/person/${personId}` : base;
  return (
    <form method="get" action={action} class="check-in-finder">
      <SelectField
        name="session"
        label={t('attendance.session')}
        value={view.session?.id ?? ''}
        empty={view.session ? undefined : t('attendance.pick_session')}
        options={view.sessions.map((s) => ({ value: s.id, label: sessionLabel(c, s) }))}
      />
      {personId ? (
        <SubmitButton label={t('attendance.choose_session')} secondary />
      ) : (
        <>
          <TextField
            name="q"
            type="search"
            label={t('attendance.search')}
            hint={t('attendance.search_hint')}
            value={search}
            autocomplete="off"
          />
          <p class="actions">
            <SubmitButton label={t('attendance.search_button')} />
            {search && (
              <a href={`${base}?session=${encodeURIComponent(view.session?.id ?? '')}`}>
                {t('attendance.show_all')}
              </a>
            )}
          </p>
        </>
      )}
    </form>
  );
}

function MemberButton(props: CheckInProps & { member: DoorMember }) {
  const { c, member, view, personId } = props;
  const t = c.var.t;
  if (member.checkedInAt)
    return (
      <p class="status checked-in">
        <span aria-hidden="true">✓ </span>
        {t('attendance.checked_in_at', { time: formatClock(c, member.checkedInAt) })}
      </p>
    );
  return (
    <form method="post" action={props.base}>
      <Csrf c={c} />
      <input type="hidden" name="session" value={view.session?.id ?? ''} />
      <input type="hidden" name="person" value={member.id} />
      <input type="hidden" name="from" value={personId ? 'person' : 'search'} />
      <button type="submit" class="button check-in-button">
        {t('attendance.check_in')}
        <span class="visually-hidden"> {member.name}</span>
      </button>
    </form>
  );
}

function Members(props: CheckInProps) {
  const { c, view } = props;
  const t = c.var.t;
  if (view.members.length === 0) return <EmptyState>{t('attendance.none_found')}</EmptyState>;
  return (
    <ul class="check-in-list" aria-label={t('attendance.members_caption')}>
      {view.members.map((member) => (
        <li class="check-in-item" data-person={member.id}>
          <span class="check-in-name">{member.name}</span>
          <MemberButton {...props} member={member} />
        </li>
      ))}
    </ul>
  );
}

export function CheckInPage(props: CheckInProps) {
  const { c, view } = props;
  const t = c.var.t;
  return (
    <div class="check-in">
      {props.refusal && (
        <ErrorSummary title={t('attendance.refused_title')} errors={{ _form: props.refusal }} labels={{}} />
      )}
      <p>{t('attendance.check_in_lead')}</p>
      {view.sessions.length === 0 ? (
        <p class="warning">{t('attendance.no_sessions')}</p>
      ) : (
        <>
          <Finder {...props} />
          {view.session ? (
            <>
              <p class="check-in-count" id="check-in-count" role="status">
                {t('attendance.count', { count: view.total, checked: view.checkedIn })}
              </p>
              <Members {...props} />
            </>
          ) : (
            <p class="warning">{t('attendance.no_session')}</p>
          )}
        </>
      )}
      {props.personId && (
        <p>
          <a href={props.base}>{t('attendance.back_to_check_in')}</a>
        </p>
      )}
    </div>
  );
}
