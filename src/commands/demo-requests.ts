/**
 * The demo assembly's questions from members and submissions from the public, so that a newcomer
 * finds the requests tab and the members' pages filled in: a question answered with material from
 * the library, one declined with its reason, one still open (asked by three confirmed members, when
 * the demo drew a panel; a small demo has none, and then asks nothing), and two submissions from the
 * public, one accepted into the library. Made through the same commands people use. Fictional.
 */
import type { Database } from '../db/connect.ts';
import { listEvidence } from '../repositories/evidence.ts';
import { listPeople } from '../repositories/people.ts';
import type { Actor } from './command.ts';
import { answerRequest, askRequest, declineRequest } from './requests.ts';
import { acceptSubmission, sendSubmission } from './submissions.ts';

const system: Actor = { kind: 'system' };

async function demoQuestions(database: Database, assemblyId: string): Promise<void> {
  const { items } = await listPeople(database.db, {
    assemblyId,
    status: 'confirmed',
    searchContacts: false,
    limit: 3,
    offset: 0,
  });
  if (items.length === 0) return;
  const ask = (index: number, kind: string, question: string) => {
    const personId = items[index % items.length].id;
    return askRequest(database, { kind: 'person', personId }, assemblyId, personId, {
      kind,
      question,
      sessionId: '',
    });
  };
  const [material] = await listEvidence(database.db, assemblyId);
  const answered = await ask(0, 'information', 'Hur stor del av kommunens utsläpp kommer från vägtrafiken?');
  await answerRequest(database, system, assemblyId, answered, {
    text: 'Ungefär en tredjedel. Underlaget om klimatmålen visar hur andelen har förändrats sedan 1990.',
    evidenceItemId: material?.id ?? '',
  });
  const declined = await ask(1, 'speaker', 'Kan vi få höra någon från flygbolagen?');
  await declineRequest(
    database,
    system,
    assemblyId,
    declined,
    'Programmet är fullt. Flygbranschens skriftliga synpunkter finns i kunskapsunderlaget.',
  );
  await ask(2, 'information', 'Vad kostar det att bygga ut pendeltåget till Märsta?');
}

async function demoSubmissions(database: Database, assemblyId: string): Promise<void> {
  const accepted = await sendSubmission(database, assemblyId, {
    title: 'Demo: Cykelpendling året runt',
    body: 'Vår förening har räknat på hur många som kan cykla till jobbet om vintercykelvägarna plogas först. Rapporten finns på länken.',
    link: 'https://example.se/demo/cykelpendling.pdf',
    name: 'Demo: Anna Berg',
    organisation: 'Demo: Cykelfrämjandet',
    email: 'anna.berg@example.se',
    publishName: true,
  });
  await acceptSubmission(database, system, assemblyId, accepted);
  await sendSubmission(database, assemblyId, {
    title: 'Demo: Sänk skatten på bensin',
    body: 'Jag bor på landet och har inget annat val än bilen.',
    link: '',
    name: '',
    organisation: '',
    email: '',
    publishName: false,
  });
}

export async function loadDemoRequests(database: Database, assemblyId: string): Promise<void> {
  await demoQuestions(database, assemblyId);
  await demoSubmissions(database, assemblyId);
}
