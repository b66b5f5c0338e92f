/**
 * What a member sees of the programme, without I/O: the published sessions (cancelled ones stay
 * listed, marked, so a member who noted a date learns it is off), the next one to come, and the
 * programme as an iCalendar file (RFC 5545) for her phone's calendar. Drafts are the organisers'
 * work in progress and never reach members.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { SessionStatus } from './programme.ts';

/** What the members' programme needs of a session (the repository's `AssemblySession` fits). */
export interface MemberSession {
  id: string;
  status: SessionStatus;
  /** UTC instants, ISO 8601. */
  startsAt: string;
  endsAt: string;
  title: { sv: string; en: string };
  place: { address: string; room: string; accessibility: string; directions: string };
  onlineLink: string;
  agenda: { time: string; title: string; speaker: string }[];
}

/** The sessions members may see, in the order they take place. */
export function membersSessions<T extends MemberSession>(sessions: readonly T[]): T[] {
  return sessions
    .filter((s) => s.status !== 'draft')
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id.localeCompare(b.id));
}

/** The next published session that has not ended at `now`, or null. */
export function nextSession<T extends MemberSession>(sessions: readonly T[], now: number): T | null {
  return (
    membersSessions(sessions).find((s) => s.status === 'published' && Date.parse(s.endsAt) > now) ?? null
  );
}

/** The text of a session's place on one line: address, room. */
export function placeLine(session: MemberSession): string {
  return [session.place.address, session.place.room].filter((part) => part.trim() !== '').join(', ');
}

function agendaText(session: MemberSession): string {
  return session.agenda
    .map((item) => [item.time, item.title, item.speaker ? `(${item.speaker})` : ''].filter(Boolean).join(' '))
    .join('\n');
}

function description(session: MemberSession, labels: CalendarLabels): string {
  const parts = [
    agendaText(session),
    session.place.directions ? `${labels.directions}: ${session.place.directions}` : '',
    session.place.accessibility ? `${labels.accessibility}: ${session.place.accessibility}` : '',
    session.onlineLink ? `${labels.online}: ${session.onlineLink}` : '',
  ];
  return parts.filter((part) => part !== '').join('\n\n');
}

/** The words the calendar file carries, in the member's language. */
export interface CalendarLabels {
  directions: string;
  accessibility: string;
  online: string;
}

/**
 * The programme as an iCalendar file: one VEVENT per published or cancelled session, times as UTC
 * instants (so a calendar anywhere shows them right across a change of summer time), UIDs stable
 * across downloads (`<session id>@<host>`) so a subscribed calendar updates an event, not duplicates it.
 */
export function programmeCalendar(input: {
  name: string;
  host: string;
  lang: 'sv' | 'en';
  labels: CalendarLabels;
  sessions: readonly MemberSession[];
}): string {
  const calendar = ical({
    name: input.name,
    prodId: { company: 'Lotta', product: 'programme', language: input.lang.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const session of membersSessions(input.sessions)) {
    const location = placeLine(session);
    calendar.createEvent({
      id: `${session.id}@${input.host}`,
      start: new Date(session.startsAt),
      end: new Date(session.endsAt),
      summary: session.title[input.lang] || session.title.sv,
      description: description(session, input.labels) || null,
      location: location || null,
      url: session.onlineLink || null,
      status: session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** An evidence item as a member sees it among a session's materials. */
export interface SessionMaterial {
  id: string;
  title: string;
  summary: string;
  easyRead: string;
  /** An http(s) address, or ''. */
  link: string;
  /** True when the item has a file she can download. */
  hasFile: boolean;
}

/** An expert as a member sees her: no e-mail address. */
export interface SessionSpeaker {
  id: string;
  name: string;
  organisation: string;
  topic: string;
  interests: string;
  noneDeclared: boolean;
}

/** The latest change to a session members were told of. */
export interface MemberSessionChange {
  kind: 'moved' | 'cancelled';
  timeChanged: boolean;
  placeChanged: boolean;
  previous: { startsAt: string; endsAt: string; address: string; room: string; onlineLink: string };
  changedAt: string;
}

/** What a member's page shows of a session beyond its time and place. */
export interface MemberSessionDetails {
  materials: SessionMaterial[];
  experts: SessionSpeaker[];
  change: MemberSessionChange | null;
}

export const noDetails: MemberSessionDetails = { materials: [], experts: [], change: null };

/**
 * The text of a bilingual field in the reader's language, or the other one when hers is empty, with
 * the language it is in, so the page can mark it (`lang`) and a screen reader pronounces it right.
 */
export function localText(
  text: { sv: string; en: string },
  language: 'sv' | 'en',
): { text: string; lang: 'sv' | 'en' } {
  if (text[language].trim()) return { text: text[language], lang: language };
  const other = language === 'sv' ? 'en' : 'sv';
  return { text: text[other], lang: other };
}
