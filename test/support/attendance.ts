/**
 * Fixtures for the attendance tests (in-process and browser): a panel of confirmed members with
 * names and contacts, a volunteer who is not on it, and published sessions placed around now.
 */
import type { Actor } from '../../src/commands/command.ts';
import { createSession, stepSession } from '../../src/commands/sessions.ts';
import type { Database } from '../../src/db/connect.ts';
import { insertPerson } from '../../src/repositories/people.ts';

const firstNames = [
  'Anna',
  'Björn',
  'Cecilia',
  'David',
  'Eva',
  'Fredrik',
  'Greta',
  'Hassan',
  'Ingrid',
  'Johan',
  'Karin',
  'Lars',
  'Maria',
  'Nils',
  'Olga',
  'Per',
  'Rut',
  'Sven',
  'Tove',
  'Ulf',
  'Vera',
  'Wilhelm',
  'Yasmin',
  'Åsa',
];

/** 24 different names, "Anna Lind 01" … "Åsa Lind 24". */
export const panelNames = firstNames.map((first, i) => `${first} Lind ${String(i + 1).padStart(2, '0')}`);

export interface Person {
  id: string;
  name: string;
  email: string;
}

async function addPerson(database: Database, assemblyId: string, i: number, name: string, status: string) {
  const id = crypto.randomUUID();
  const at = new Date().toISOString();
  const email = `person${i}@example.se`;
  await insertPerson(database.db, {
    person: {
      id,
      assembly_id: assemblyId,
      reference: `P-${String(i).padStart(5, '0')}`,
      source: 'test',
      status,
      status_changed_at: at,
      created_at: at,
    },
    contact: { full_name: name, email, phone: `070-00000${String(i).padStart(2, '0')}` },
    needs: null,
    answers: { gender: i % 2 === 1 ? 'woman' : 'man' },
    consents: [],
    changedBy: 'test',
    comment: null,
  });
  return { id, name, email };
}

/** The confirmed members named `names` and one registered volunteer who is not on the panel. */
export async function seedPanel(
  database: Database,
  assemblyId: string,
  names: readonly string[] = panelNames,
): Promise<{ members: Person[]; volunteer: Person }> {
  const members: Person[] = [];
  for (const [i, name] of names.entries())
    members.push(await addPerson(database, assemblyId, i + 1, name, 'confirmed'));
  const volunteer = await addPerson(database, assemblyId, names.length + 1, 'Vilma Volontär', 'registered');
  return { members, volunteer };
}

const minute = 60_000;

/** A published session from `startMinutes` to `endMinutes` after now (negative: before). */
export async function sessionAroundNow(
  database: Database,
  actor: Actor,
  assemblyId: string,
  title: string,
  startMinutes: number,
  endMinutes: number,
  status: 'published' | 'cancelled' | 'draft' = 'published',
): Promise<string> {
  const now = Date.now();
  const id = await createSession(database, actor, assemblyId, {
    title: { sv: `${title} (sv)`, en: title },
    type: 'learning',
    startsAt: new Date(now + startMinutes * minute).toISOString(),
    endsAt: new Date(now + endMinutes * minute).toISOString(),
    place: { address: 'Stadshuset', room: 'Sal A', accessibility: '', directions: '' },
    onlineLink: '',
    agenda: [],
  });
  if (status !== 'draft') await stepSession(database, actor, assemblyId, id, 'publish');
  if (status === 'cancelled') await stepSession(database, actor, assemblyId, id, 'cancel');
  return id;
}
