/**
 * The message a change to a published session sends each confirmed member, queued in the command's
 * own transaction: an e-mail to those who gave an address, a letter (printed with the outbox's
 * letters) to those who did not. The sentences are set in her language when queued; the template
 * `session_changed` puts them together when it is sent or printed.
 */
import type { Database } from '../db/connect.ts';
import type { SessionChangeKinds } from '../domain/session-changes.ts';
import { formatClockIn, formatDayIn } from '../i18n/format.ts';
import { type Language, translator } from '../i18n/i18n.ts';
import type { Assembly } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { listConfirmedMembers } from '../repositories/people.ts';
import type { SessionChange } from '../repositories/session-details.ts';
import type { AssemblySession } from '../repositories/sessions.ts';
import { messageLanguage, titleIn } from './messages.ts';
import { queueOutboxMessage } from './send-job.ts';

function timeText(language: Language, startsAt: string, endsAt: string): string {
  return translator(language)('mail.session_changed_time_value', {
    day: formatDayIn(language, startsAt, { long: true }),
    from: formatClockIn(language, startsAt),
    to: formatClockIn(language, endsAt),
  });
}

function placeText(language: Language, place: { address: string; room: string; onlineLink: string }): string {
  const t = translator(language);
  const parts = [place.address, place.room].filter((p) => p.trim() !== '');
  if (place.onlineLink) parts.push(t('mail.session_changed_online', { link: place.onlineLink }));
  return parts.length > 0 ? parts.join(', ') : t('mail.session_changed_no_place');
}

/** The sentences saying what changed and what it was before. */
function changeText(
  language: Language,
  kinds: SessionChangeKinds | 'cancelled',
  previous: SessionChange['previous'],
): string {
  const t = translator(language);
  if (kinds === 'cancelled') return t('mail.session_changed_cancelled');
  const sentences: string[] = [];
  if (kinds.time)
    sentences.push(
      t('mail.session_changed_new_time', { was: timeText(language, previous.startsAt, previous.endsAt) }),
    );
  if (kinds.place)
    sentences.push(t('mail.session_changed_new_place', { was: placeText(language, previous) }));
  return sentences.join('\n');
}

/** Whom to ask, as the assembly stores it: the coordinator, the organisers' phone and e-mail. */
function contactLine(assembly: Assembly): string {
  return [assembly.coordinator, assembly.privacy.phone, assembly.privacy.email]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');
}

/** Queues the change's message for every confirmed member; how many were queued. */
export async function queueSessionChanged(
  trx: Executor,
  database: Database,
  input: {
    assembly: Assembly;
    session: AssemblySession;
    kinds: SessionChangeKinds | 'cancelled';
    previous: SessionChange['previous'];
    at: string;
  },
): Promise<number> {
  const { assembly, session } = input;
  const members = await listConfirmedMembers(trx, assembly.id);
  for (const member of members) {
    const language = messageLanguage(member.preferred_language, assembly);
    await queueOutboxMessage(trx, database, {
      assemblyId: assembly.id,
      recipient: { kind: 'person', id: member.id },
      channel: member.email ? 'email' : 'letter',
      address: member.email ?? null,
      language,
      template: 'session_changed',
      parameters: {
        title: titleIn(assembly, language),
        session: session.title[language] || session.title.sv,
        change: changeText(language, input.kinds, input.previous),
        when: timeText(language, session.startsAt, session.endsAt),
        place: placeText(language, { ...session.place, onlineLink: session.onlineLink }),
        contact: contactLine(assembly),
        coordinator: assembly.coordinator,
      },
      at: input.at,
    });
  }
  return members.length;
}
