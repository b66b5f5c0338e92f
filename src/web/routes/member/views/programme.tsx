/**
 * The members' programme on her page: the next meeting in full (when, where, how to get there,
 * accessibility, the online link, what it is about), then every meeting, cancelled ones marked, and
 * the calendar file. Plain markup that reads aloud in order and works without JavaScript.
 */

import {
  localText,
  type MemberSession,
  type MemberSessionDetails,
  nextSession,
  noDetails,
  placeLine,
} from '../../../../domain/member-programme.ts';
import type { Ctx } from '../../../env.ts';
import { formatClock, formatDay } from '../../../views/time.ts';
import {
  AboutAndBring,
  ChangeFlag,
  Contact,
  Materials,
  type ProgrammeContact,
  Speakers,
} from './session-details.tsx';

/** A session with what members read of it beyond its time and place. */
export type SessionShown = MemberSession & {
  about: { sv: string; en: string };
  bring: { sv: string; en: string };
};

function sessionTitle(c: Ctx, session: MemberSession) {
  const { text, lang } = localText(session.title, c.var.lang);
  return lang === c.var.lang ? text : <span lang={lang}>{text}</span>;
}

function whenText(c: Ctx, session: MemberSession): string {
  return c.var.t('member_programme.when_value', {
    day: formatDay(c, session.startsAt, { long: true }),
    from: formatClock(c, session.startsAt),
    to: formatClock(c, session.endsAt),
  });
}

function PlaceFacts(props: { c: Ctx; session: MemberSession }) {
  const { c, session } = props;
  const t = c.var.t;
  const { place } = session;
  return (
    <>
      {place.address ? (
        <>
          <dt>{t('member_programme.where')}</dt>
          <dd>{place.address}</dd>
        </>
      ) : null}
      {place.room ? (
        <>
          <dt>{t('member_programme.room')}</dt>
          <dd>{place.room}</dd>
        </>
      ) : null}
      {place.directions ? (
        <>
          <dt>{t('member_programme.directions')}</dt>
          <dd>{place.directions}</dd>
        </>
      ) : null}
      {place.accessibility ? (
        <>
          <dt>{t('member_programme.accessibility')}</dt>
          <dd>{place.accessibility}</dd>
        </>
      ) : null}
      {session.onlineLink ? (
        <>
          <dt>{t('member_programme.online')}</dt>
          <dd>
            <a href={session.onlineLink} rel="noopener noreferrer">
              {t('member_programme.online_link')}
            </a>
          </dd>
        </>
      ) : null}
    </>
  );
}

function Agenda(props: { c: Ctx; session: MemberSession }) {
  const { c, session } = props;
  const t = c.var.t;
  if (session.agenda.length === 0) return <p>{t('member_programme.no_agenda')}</p>;
  return (
    <ul class="agenda">
      {session.agenda.map((item) => (
        <li>
          {item.time ? <strong>{item.time} </strong> : null}
          {item.title}
          {item.speaker ? ` ${t('member_programme.agenda_speaker', { speaker: item.speaker })}` : null}
        </li>
      ))}
    </ul>
  );
}

function NextSession(props: {
  c: Ctx;
  session: SessionShown | null;
  details: MemberSessionDetails;
  contact: ProgrammeContact;
}) {
  const { c, session, details } = props;
  const t = c.var.t;
  return (
    <section class="next-session" aria-labelledby="next-session-heading">
      <h2 id="next-session-heading">{t('member_programme.next_heading')}</h2>
      {session ? (
        <div class="card">
          <h3>{sessionTitle(c, session)}</h3>
          <ChangeFlag c={c} change={details.change} />
          <dl class="facts">
            <dt>{t('member_programme.when')}</dt>
            <dd>{whenText(c, session)}</dd>
            <PlaceFacts c={c} session={session} />
          </dl>
          <AboutAndBring c={c} about={session.about} bring={session.bring} />
          <h4>{t('member_programme.about')}</h4>
          <Agenda c={c} session={session} />
          <Materials c={c} materials={details.materials} full />
          <Speakers c={c} experts={details.experts} />
          <Contact c={c} contact={props.contact} />
        </div>
      ) : (
        <p>{t('member_programme.no_next')}</p>
      )}
    </section>
  );
}

function SessionItem(props: { c: Ctx; session: MemberSession; details: MemberSessionDetails }) {
  const { c, session, details } = props;
  const t = c.var.t;
  const cancelled = session.status === 'cancelled';
  const place = placeLine(session);
  return (
    <li class={cancelled ? 'session cancelled' : 'session'}>
      <p>
        <strong>{cancelled ? <s>{sessionTitle(c, session)}</s> : sessionTitle(c, session)}</strong>
        {cancelled ? <span class="status"> {t('member_programme.cancelled')}</span> : null}
      </p>
      <p>{whenText(c, session)}</p>
      {cancelled ? <p class="hint">{t('member_programme.cancelled_note')}</p> : null}
      {cancelled ? null : <ChangeFlag c={c} change={details.change} />}
      {!cancelled && place ? <p>{place}</p> : null}
      {!cancelled && session.onlineLink ? (
        <p>
          <a href={session.onlineLink} rel="noopener noreferrer">
            {t('member_programme.online_link')}
          </a>
        </p>
      ) : null}
      {cancelled ? null : <Materials c={c} materials={details.materials} />}
    </li>
  );
}

function Calendar(props: { c: Ctx }) {
  const t = props.c.var.t;
  return (
    <>
      <h2>{t('member_programme.calendar_heading')}</h2>
      <p>{t('member_programme.calendar_lead')}</p>
      <p>
        <a class="button" href="/member/programme.ics" download="programme.ics">
          {t('member_programme.calendar_download')}
        </a>
      </p>
      <p class="hint">{t('member_programme.calendar_subscribe')}</p>
      <h2>{t('member_details.printed_heading')}</h2>
      <p>{t('member_details.printed_lead')}</p>
      <p>
        <a class="button secondary" href="/member/programme.pdf">
          {t('member_details.printed_download')}
        </a>
      </p>
    </>
  );
}

/** The programme part of the member's page; `now` decides which meeting is next. */
export function MemberProgrammePart(props: {
  c: Ctx;
  sessions: readonly SessionShown[];
  details: Record<string, MemberSessionDetails>;
  contact: ProgrammeContact;
  now: number;
}) {
  const { c, sessions, now, details } = props;
  const t = c.var.t;
  const next = nextSession(sessions, now);
  return (
    <>
      <NextSession
        c={c}
        session={next}
        details={next ? (details[next.id] ?? noDetails) : noDetails}
        contact={props.contact}
      />
      <section aria-labelledby="programme-heading">
        <h2 id="programme-heading">{t('member_programme.programme_heading')}</h2>
        {sessions.length === 0 ? (
          <p>{t('member_programme.no_sessions')}</p>
        ) : (
          <ul class="programme-list">
            {sessions.map((session) => (
              <SessionItem c={c} session={session} details={details[session.id] ?? noDetails} />
            ))}
          </ul>
        )}
        <Calendar c={c} />
      </section>
    </>
  );
}
