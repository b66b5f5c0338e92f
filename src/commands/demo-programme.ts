/**
 * The demo's programme: eight published sessions over four weekends, placed around the day the demo
 * is loaded so that a newcomer sees sessions behind and ahead of her (attendance and claims need past
 * sessions, the members' page a next one). Built through the same commands an organiser uses.
 */
import type { Database } from '../db/connect.ts';
import { fromStockholmTime } from '../domain/dates.ts';
import type { SessionType } from '../domain/programme.ts';
import { listEvidence, listExperts } from '../repositories/evidence.ts';
import type { AgendaItem, SessionRecord } from '../repositories/sessions.ts';
import type { Actor } from './command.ts';
import { createSession, setPlannedHours, stepSession } from './sessions.ts';

const system: Actor = { kind: 'system' };

const place = {
  address: 'Demo: Folkets hus, Barnhusgatan 12, Stockholm',
  room: 'Stora salen',
  accessibility: 'Entré utan trappsteg, hörslinga, hiss till alla våningar.',
  directions: 'Tunnelbana till T-Centralen, utgång Vasagatan, fem minuters promenad.',
};

const weekends: { sv: string; en: string; saturday: SessionType; sunday: SessionType }[] = [
  { sv: 'Klimatet och vi', en: 'The climate and us', saturday: 'learning', sunday: 'learning' },
  { sv: 'Vägar framåt', en: 'Ways forward', saturday: 'learning', sunday: 'deliberation' },
  { sv: 'Vad tycker vi?', en: 'What do we think?', saturday: 'deliberation', sunday: 'deliberation' },
  { sv: 'Våra rekommendationer', en: 'Our recommendations', saturday: 'deliberation', sunday: 'decision' },
];

const agenda: AgendaItem[] = [
  { time: '10:00', title: 'Välkomna, dagens plan', speaker: '' },
  { time: '10:30', title: 'Föredrag och frågor', speaker: 'Demo: Lina Ekström' },
  { time: '12:00', title: 'Lunch', speaker: '' },
  { time: '13:00', title: 'Samtal vid borden', speaker: '' },
];

/** What members read about each day: plain words, short sentences. */
const bring = {
  sv: 'Ta med glasögon om du läser med dem. Lunch och fika finns på plats.',
  en: 'Bring your glasses if you read with them. Lunch and coffee are served.',
};
const about: Record<SessionType, { sv: string; en: string }> = {
  learning: {
    sv: 'Vi lär oss om klimatet. Experter berättar. Du kan ställa frågor.',
    en: 'We learn about the climate. Experts speak. You can ask questions.',
  },
  deliberation: {
    sv: 'Vi pratar i små grupper. Alla får säga vad de tycker.',
    en: 'We talk in small groups. Everyone can say what they think.',
  },
  decision: {
    sv: 'Vi bestämmer våra råd till kommunen. Vi röstar.',
    en: 'We decide our advice to the municipality. We vote.',
  },
  social: { sv: 'Vi träffas och lär känna varandra.', en: 'We meet and get to know each other.' },
};

/**
 * What the learning days present: the first two evidence items of the demo's library and its first
 * expert (whose declared interests members then see), or nothing when the library is empty.
 */
async function learningLinks(database: Database, assemblyId: string): Promise<Partial<SessionRecord>> {
  const [items, experts] = await Promise.all([
    listEvidence(database.db, assemblyId),
    listExperts(database.db, assemblyId),
  ]);
  return {
    evidenceIds: items.slice(0, 2).map((item) => item.id),
    expertIds: experts
      .filter((expert) => !expert.none_declared)
      .slice(0, 1)
      .map((expert) => expert.id),
  };
}

/** The Saturday on or before `day`, as a Swedish calendar date. */
function saturdayBefore(day: Date): Date {
  const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 1) % 7));
  return d;
}

function at(day: Date, addDays: number, time: string): string {
  const d = new Date(day);
  d.setUTCDate(d.getUTCDate() + addDays);
  const instant = fromStockholmTime(`${d.toISOString().slice(0, 10)}T${time}`);
  if (!instant) throw new Error(`no such Swedish time: ${time}`);
  return instant.toISOString();
}

/**
 * Adds the programme: weekends every other week, the first two before `today` and two after, Saturdays
 * 10–16 and Sundays 10–15 (44 hours planned, 44 in the programme). Returns the sessions' ids in order.
 */
export async function loadDemoProgramme(
  database: Database,
  assemblyId: string,
  today = new Date(),
): Promise<string[]> {
  const first = saturdayBefore(today);
  first.setUTCDate(first.getUTCDate() - 21);
  const ids: string[] = [];
  const links = await learningLinks(database, assemblyId);
  for (const [w, weekend] of weekends.entries()) {
    for (const [d, type, end] of [
      [0, weekend.saturday, '16:00'],
      [1, weekend.sunday, '15:00'],
    ] as const) {
      const offset = w * 14 + d;
      const id = await createSession(database, system, assemblyId, {
        title: {
          sv: `Demo: ${weekend.sv} (${d === 0 ? 'lördag' : 'söndag'})`,
          en: `Demo: ${weekend.en} (${d === 0 ? 'Saturday' : 'Sunday'})`,
        },
        type,
        startsAt: at(first, offset, '10:00'),
        endsAt: at(first, offset, end),
        place,
        onlineLink: '',
        agenda,
        bring,
        about: about[type],
        ...(type === 'learning' ? links : {}),
      });
      await stepSession(database, system, assemblyId, id, 'publish');
      ids.push(id);
    }
  }
  await setPlannedHours(database, system, assemblyId, 44);
  return ids;
}
