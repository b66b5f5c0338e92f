/**
 * The demo assembly for newcomers: a fictional climate assembly with questions, invitations and a few
 * hundred fictional volunteers. Every status in it comes from what really makes it: the volunteers
 * register, then (unless turned off) a real selection run of the engine, a public draw of its lottery
 * and the callers' outcomes put people on the panel, and a few decline, so that the replacements have
 * seats to fill. The volunteers and the dice are seeded, so demos look alike.
 */
import type { Database } from '../db/connect.ts';
import { newInviteCode } from '../domain/invite-code.ts';
import { findAssemblyBySlug, insertAssembly, replaceQuestions } from '../repositories/assemblies.ts';
import { insertInvitations } from '../repositories/invitations.ts';
import { insertPerson } from '../repositories/people.ts';
import { seatedPeople } from '../repositories/seats.ts';
import { findRun } from '../repositories/selection-runs.ts';
import { saveTargets } from '../repositories/targets.ts';
import { createRandom } from '../sortition/random.ts';
import { recordCallOutcome } from './call-outcomes.ts';
import { type Actor, inTransaction, now } from './command.ts';
import { loadDemoAnswers } from './demo-answers.ts';
import { loadDemoAttendance } from './demo-attendance.ts';
import { loadDemoEvaluation } from './demo-evaluation.ts';
import { loadDemoExpenses } from './demo-expenses.ts';
import { loadDemoLearningMaterial } from './demo-learning.ts';
import { loadDemoProgramme } from './demo-programme.ts';
import { loadDemoPublicPage } from './demo-public.ts';
import { loadDemoRecommendations } from './demo-recommendations.ts';
import { loadDemoRequests } from './demo-requests.ts';
import { loadDemoTables } from './demo-tables.ts';
import { loadDemoVotes } from './demo-votes.ts';
import { changePersonStatus } from './people.ts';
import { enterDrawRandomness, publishPanelDraw } from './public-draws.ts';
import { startSelectionRun } from './selection-runs.ts';

const demoSlug = 'demo-klimatradet';
const demoPanelSize = 60;
/** Of the drawn panel, who declines and who confirms when the callers phone. */
const demoDeclines = 7;
const demoConfirmations = 26;

const firstNames = [
  'Anna',
  'Eva',
  'Maria',
  'Karin',
  'Sara',
  'Lena',
  'Kerstin',
  'Emma',
  'Ingrid',
  'Malin',
  'Aisha',
  'Fatima',
  'Lars',
  'Mikael',
  'Anders',
  'Johan',
  'Per',
  'Erik',
  'Karl',
  'Peter',
  'Ahmed',
  'Mohammed',
  'Ali',
  'Nils',
  'Åsa',
  'Örjan',
  'Sofia',
  'Elsa',
  'Olle',
  'Linnea',
  'Goran',
  'Hanna',
  'Jonas',
  'Amina',
  'Yusuf',
  'Mira',
];
const lastNames = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Hassan',
  'Ali',
  'Lindström',
  'Öberg',
  'Åkesson',
  'Ström',
  'Berg',
  'Lindqvist',
  'Holm',
  'Nyström',
  'Hussein',
  'Kovačević',
];
const cities = [
  ['Stockholm', '11', 'stockholm'],
  ['Göteborg', '41', 'vastra_gotaland'],
  ['Malmö', '21', 'skane'],
  ['Umeå', '90', 'norrland'],
  ['Luleå', '97', 'norrland'],
  ['Uppsala', '75', 'svealand'],
  ['Örebro', '70', 'svealand'],
  ['Jönköping', '55', 'gotaland'],
  ['Växjö', '35', 'gotaland'],
  ['Borås', '50', 'vastra_gotaland'],
] as const;

const questions = [
  {
    key: 'gender',
    label: { sv: 'Kön', en: 'Gender' },
    options: [
      { value: 'woman', label: { sv: 'Kvinna', en: 'Woman' } },
      { value: 'man', label: { sv: 'Man', en: 'Man' } },
      { value: 'non_binary', label: { sv: 'Icke-binär', en: 'Non-binary' } },
    ],
  },
  {
    key: 'age',
    label: { sv: 'Ålder', en: 'Age' },
    options: [
      { value: '16-29', label: { sv: '16–29 år', en: '16–29 years' } },
      { value: '30-44', label: { sv: '30–44 år', en: '30–44 years' } },
      { value: '45-64', label: { sv: '45–64 år', en: '45–64 years' } },
      { value: '65+', label: { sv: '65 år eller äldre', en: '65 or older' } },
    ],
  },
  {
    key: 'region',
    label: { sv: 'Landsdel', en: 'Region' },
    options: [
      { value: 'stockholm', label: { sv: 'Stockholm', en: 'Stockholm' } },
      { value: 'svealand', label: { sv: 'Övriga Svealand', en: 'Rest of Svealand' } },
      { value: 'gotaland', label: { sv: 'Götaland', en: 'Götaland' } },
      { value: 'vastra_gotaland', label: { sv: 'Västra Götaland', en: 'West Götaland' } },
      { value: 'skane', label: { sv: 'Skåne', en: 'Scania' } },
      { value: 'norrland', label: { sv: 'Norrland', en: 'Norrland' } },
    ],
  },
  {
    key: 'education',
    label: { sv: 'Högsta utbildning', en: 'Highest education' },
    options: [
      { value: 'compulsory', label: { sv: 'Grundskola', en: 'Compulsory school' } },
      { value: 'upper_secondary', label: { sv: 'Gymnasium', en: 'Upper secondary' } },
      { value: 'university', label: { sv: 'Eftergymnasial', en: 'Post-secondary' } },
    ],
  },
];

/**
 * Population shares in percent (roughly Sweden's adults), the demo's percentage targets, so that a
 * newcomer can run a selection at once. The fictional volunteers answer uniformly, so the pool is
 * visibly unlike the population, as volunteer pools are.
 */
const population: Record<string, Record<string, number>> = {
  gender: { woman: 50, man: 49, non_binary: 1 },
  age: { '16-29': 20, '30-44': 25, '45-64': 32, '65+': 23 },
  region: { stockholm: 23, svealand: 15, gotaland: 17, vastra_gotaland: 17, skane: 14, norrland: 14 },
  education: { compulsory: 17, upper_secondary: 43, university: 40 },
};

/** Loads the demo unless it is there already; returns the number of volunteers and an unused code. */
export async function loadDemo(
  database: Database,
  volunteers = 300,
  options: DemoOptions = {},
): Promise<{ assemblyId: string; people: number; freeCode: string } | null> {
  if (await findAssemblyBySlug(database.db, demoSlug)) return null;
  const random = createRandom('lotta demo assembly');
  const loaded = await inTransaction(database, async (trx, audit) => {
    const at = now();
    const assemblyId = crypto.randomUUID();
    await insertAssembly(trx, {
      id: assemblyId,
      slug: demoSlug,
      title: JSON.stringify({ sv: 'Klimatrådet (demo)', en: 'The Climate Assembly (demo)' }),
      remit: JSON.stringify({
        sv: 'Hur kan Sverige nå sina klimatmål på ett sätt som upplevs som rättvist?',
        en: 'How can Sweden reach its climate goals in a way that people find fair?',
      }),
      commissioner: 'Demo: Regeringskansliet',
      funding_source: 'Demo: statliga medel',
      coordinator: 'Demo: Digidem Lab',
      panel_size: demoPanelSize,
      languages: JSON.stringify(['sv', 'en']),
      starts_on: '2027-03-01',
      ends_on: '2027-06-30',
      current_phase: 'recruitment',
      registration_open: 1,
      created_at: at,
      updated_at: at,
    });
    await replaceQuestions(trx, assemblyId, questions);
    const codes = new Set<string>();
    while (codes.size < volunteers + 100) codes.add(newInviteCode());
    const invitations = [...codes].map((code, i) => ({
      id: crypto.randomUUID(),
      assembly_id: assemblyId,
      code,
      created_at: at,
      used_at: i < volunteers ? at : null,
    }));
    await insertInvitations(trx, invitations);
    for (let i = 0; i < volunteers; i++) {
      const invitation = invitations[i];
      // Earlier demos drew a made-up status here; the draw is kept so that every volunteer stays who
      // they were (name, answers), while the status is what registering gives.
      random.int(7);
      const [city, zip, region] = random.pick(cities);
      const first = random.pick(firstNames);
      const last = random.pick(lastNames);
      const answers: Record<string, string> = {};
      for (const q of questions) {
        answers[q.key] = random.int(25) === 0 ? 'prefer_not_to_say' : random.pick(q.options).value;
      }
      answers.region = region;
      const person = {
        id: crypto.randomUUID(),
        assembly_id: assemblyId,
        reference: `P-${String(i + 1).padStart(5, '0')}`,
        source: 'registration',
        external_key: null,
        invitation_id: invitation.id,
        status: 'registered',
        status_changed_at: at,
        member_token_hash: null,
        created_at: at,
        erased_at: null,
      };
      await insertPerson(trx, {
        person,
        contact: {
          full_name: `${first} ${last}`,
          email: `${first}.${last}.${i}@example.se`
            .toLowerCase()
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, ''),
          phone: `070-${String(1000000 + random.int(8999999)).slice(0, 3)} ${String(random.int(100)).padStart(2, '0')} ${String(random.int(100)).padStart(2, '0')}`,
          address: `Demogatan ${1 + random.int(120)}`,
          postcode: `${zip}${random.int(10)} ${String(random.int(100)).padStart(2, '0')}`,
          city,
          preferred_language: random.int(10) === 0 ? 'en' : 'sv',
        },
        needs:
          random.int(6) === 0
            ? { needs: [random.pick(['diet', 'mobility', 'hearing_loop', 'care_duties'])], details: null }
            : null,
        answers,
        consents: [
          { kind: 'participation', given_at: at },
          { kind: 'data_processing', given_at: at },
        ],
        changedBy: 'system',
        comment: null,
      });
    }
    if (options.targets !== false)
      await saveTargets(trx, {
        assembly_id: assemblyId,
        kind: 'percentages',
        definition: {
          questions: Object.fromEntries(
            questions.map((q) => [
              q.key,
              // Within five percentage points of the population; education is left free.
              { included: q.key !== 'education', preferNotToSay: 'free', tolerance: 5, values: {} },
            ]),
          ),
        },
        population,
        updated_at: at,
        updated_by: 'system',
      });
    await audit({ actorId: 'system', assemblyId, action: 'demo.load', details: { people: volunteers } });
    return { assemblyId, people: volunteers, freeCode: invitations[volunteers].code };
  });
  await loadDemoLearningMaterial(database, loaded.assemblyId);
  const sessionIds = await loadDemoProgramme(database, loaded.assemblyId);
  const panel = options.panel ?? volunteers >= demoPanelSize * 4;
  if (options.targets !== false && panel) await drawDemoPanel(database, loaded.assemblyId);
  await loadDemoAttendance(database, loaded.assemblyId, sessionIds);
  await loadDemoExpenses(database, loaded.assemblyId);
  await loadDemoRequests(database, loaded.assemblyId);
  await loadDemoTables(database, loaded.assemblyId, sessionIds);
  await loadDemoRecommendations(database, loaded.assemblyId);
  await loadDemoVotes(database, loaded.assemblyId, sessionIds);
  await loadDemoAnswers(database, loaded.assemblyId, sessionIds);
  await loadDemoEvaluation(database, loaded.assemblyId, sessionIds);
  await loadDemoPublicPage(database, loaded.assemblyId);
  return { assemblyId: loaded.assemblyId, people: loaded.people, freeCode: loaded.freeCode };
}

export interface DemoOptions {
  /** Percentage targets (default on); without them no panel can be drawn either. */
  targets?: boolean;
  /**
   * A panel drawn for real: a selection run, its public draw and the members' answers. By default only
   * when the pool is at least four times the 60 seats, as the demo's targets need; smaller demos (as
   * tests use) stay at registration, with nobody selected.
   */
  panel?: boolean;
}

const system: Actor = { kind: 'system' };

/**
 * The panel as an organiser would get it: the engine's selection (MAXIMIN with a small lottery, several
 * times faster than LEXIMIN here, so the demo starts in a second or two), its lottery announced and
 * drawn with dice (rolled here by the seeded generator), then the answers: most confirm, a few
 * decline, which leaves seats for a replacement round.
 */
async function drawDemoPanel(database: Database, assemblyId: string): Promise<void> {
  const random = createRandom('lotta demo panel');
  const runId = await startSelectionRun(database, system, assemblyId, {
    algorithm: 'maximin',
    panelSize: demoPanelSize,
    lotterySize: 100,
    seed: null,
  });
  // The run is a job like any other: the process's job runner (started before the demo loads) takes
  // it; the demo waits for its end, a couple of seconds, at most two minutes.
  const deadline = Date.now() + 120_000;
  let run = await findRun(database.db, assemblyId, runId);
  while (run && (run.status === 'queued' || run.status === 'running') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    run = await findRun(database.db, assemblyId, runId);
  }
  if (run?.status !== 'done') throw new Error(`The demo's selection run ended ${run?.status ?? 'missing'}.`);
  const plan = { source: 'dice', rolls: 10, sides: 10 } as const;
  const drawId = await publishPanelDraw(database, system, assemblyId, { runId, plan });
  const rolls = Array.from({ length: plan.rolls }, () => String(random.int(10))).join('');
  await enterDrawRandomness(database, system, assemblyId, drawId, rolls);
  // A seeded shuffle decides who answers what; the numbers are fixed so every demo shows the same.
  const order = await seatedPeople(database.db, assemblyId);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  // Half the answers came on the phone (a caller's outcome), half by letter or e-mail (entered by the
  // organiser on the person's page), as they do.
  const answers = [
    ...Array<'declined'>(demoDeclines).fill('declined'),
    ...Array<'confirmed'>(demoConfirmations).fill('confirmed'),
  ];
  for (const [i, answer] of answers.entries()) {
    if (i % 2 === 0)
      await recordCallOutcome(database, system, 'organiser', assemblyId, order[i], answer, null);
    else await changePersonStatus(database, system, 'organiser', assemblyId, order[i], answer, null);
  }
  for (const id of order.slice(answers.length, answers.length + 4))
    await recordCallOutcome(database, system, 'organiser', assemblyId, id, 'no_answer', null);
}
