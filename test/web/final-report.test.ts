/**
 * The final report through the app: an organiser generates it through its job, the PDF states the
 * adopted recommendation verbatim (å, ä, ö), tagged and in its language; a second version keeps the
 * first downloadable as it was; the logo is taken as PNG or JPEG of at most 2 MB, shown on the page
 * and drawn into the PDF, and refused otherwise with the form kept; the whole team reads, organisers
 * generate, and both are audited.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { checkIn } from '../../src/commands/attendance.ts';
import { finalReportJob } from '../../src/commands/final-reports.ts';
import { signMinorityStatement, writeMinorityStatement } from '../../src/commands/minority-statements.ts';
import { givePublishNameConsent } from '../../src/commands/people.ts';
import {
  changeRecommendationStatus,
  createRecommendation,
  saveWorkingGroup,
} from '../../src/commands/recommendations.ts';
import { castBallot, closeVote, createVote, openVote } from '../../src/commands/votes.ts';
import { JobCancelled } from '../../src/jobs/job-kind.ts';
import type { Choice } from '../../src/voting/model.ts';
import { type Person, seedPanel, sessionAroundNow } from '../support/attendance.ts';
import { pdfText } from '../support/pdf-text.ts';
import {
  adminEmail,
  createStaff,
  createTestAssembly,
  startTestApp,
  type TestApp,
  TestClient,
} from '../support/web.ts';

/** A real 1×1 PNG. */
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const firstText =
  'Kommunen ska bygga cykelbanor längs älven före år 2030.\n\nÅtgärderna följs upp öppet, så att alla invånare kan se vad som hänt.';
const secondText =
  'Bilar som kör in i centrum på vardagar ska betala en avgift, och pengarna går till busstrafiken.';
const names = Array.from({ length: 20 }, (_, i) => `Ledamot ${String(i + 1).padStart(2, '0')} Åström`);

let t: TestApp;
let assemblyId: string;
let groupId: string;
let members: Person[];
let sessionId: string;
let organiser: TestClient;
let evaluator: TestClient;
let base: string;

/** The plenary's vote on a recommendation under an 80 % rule: `yes` for, `no` against, one abstaining. */
async function plenaryVote(recommendationId: string, yes: number, no: number): Promise<void> {
  const voteId = await createVote(t.database, t.adminActor, assemblyId, {
    subject: 'recommendation',
    recommendationId,
    amendmentId: null,
    question: '',
    sessionId,
    online: false,
    options: {
      rule: { kind: 'supermajority', fraction: { numerator: 4, denominator: 5 }, base: 'cast' },
      quorum: { kind: 'none' },
      abstentions: 'cast',
      secrecy: 'secret',
      changesAllowed: false,
    },
    durationMinutes: 30,
  });
  await openVote(t.database, t.adminActor, assemblyId, voteId);
  for (const [i, m] of members.slice(0, yes + no + 1).entries()) {
    const choice: Choice = i < yes ? { kind: 'yes' } : i < yes + no ? { kind: 'no' } : { kind: 'abstain' };
    await castBallot(t.database, t.adminActor, assemblyId, {
      voteId,
      personId: m.id,
      choice,
      channel: 'phone',
    });
  }
  await closeVote(t.database, t.adminActor, assemblyId, voteId);
}

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  base = `/a/${assemblyId}/final-report`;
  members = (await seedPanel(t.database, assemblyId, names)).members;
  sessionId = await sessionAroundNow(t.database, t.adminActor, assemblyId, 'Plenum', -30, 180);
  for (const m of members) await checkIn(t.database, t.adminActor, assemblyId, sessionId, m.id);
  groupId = await saveWorkingGroup(t.database, t.adminActor, assemblyId, null, {
    nameSv: 'Trafik och resor',
    nameEn: 'Transport',
    facilitatorId: '',
    memberIds: [],
  });
  const lanes = await createRecommendation(t.database, t.adminActor, assemblyId, groupId, {
    title: 'Cykelbanor längs älven',
    body: firstText,
    rationale: 'Det blir tryggare för barn och äldre.',
  });
  await changeRecommendationStatus(t.database, t.adminActor, assemblyId, lanes, 'plenary');
  const statement = await writeMinorityStatement(t.database, t.adminActor, assemblyId, lanes, {
    personId: members[18].id,
    text: 'Vi anser att år 2030 är för sent för älvens cykelbanor.',
  });
  await signMinorityStatement(t.database, t.adminActor, assemblyId, lanes, statement, members[19].id);
  await signMinorityStatement(t.database, t.adminActor, assemblyId, lanes, statement, members[17].id);
  // The report names members only with their consent to it, as the public page does: the author and
  // one signatory gave it, the third signatory did not.
  for (const m of [members[18], members[19]])
    await givePublishNameConsent(t.database, { kind: 'person', personId: m.id }, assemblyId, m.id);
  await plenaryVote(lanes, 17, 1);
  const draft = await createRecommendation(t.database, t.adminActor, assemblyId, groupId, {
    title: 'Ett utkast som ingen röstat om',
    body: 'Detta är ett utkast.',
    rationale: '',
  });
  assert.ok(draft);
  organiser = new TestClient(t.app);
  await createStaff(t, 'organiser@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'organiser@lotta.test', 'organiser');
  await organiser.logIn('organiser@lotta.test');
  evaluator = new TestClient(t.app);
  await createStaff(t, 'evaluator@lotta.test');
  await grantRole(t.database, t.adminActor, assemblyId, 'evaluator@lotta.test', 'evaluator');
  await evaluator.logIn('evaluator@lotta.test');
});

after(() => t.close());

/** Generates a version through the job and returns the address it leads to. */
async function generate(): Promise<string> {
  await organiser.get(base);
  const posted = await organiser.post(`${base}/generate`, {});
  assert.equal(posted.status, 303);
  let location = posted.location ?? '';
  // While the job runs, the page that follows it reloads itself.
  for (let i = 0; i < 100 && location.includes('/jobs/'); i++) {
    const page = await organiser.get(location);
    if (page.status === 303) location = page.location ?? '';
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return location;
}

async function pdfOf(client: TestClient, path: string): Promise<{ raw: string; text: string }> {
  const response = await client.getResponse(path);
  assert.equal(response.status, 200, path);
  assert.equal(response.headers.get('content-type'), 'application/pdf');
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    raw: Buffer.from(bytes).toString('latin1'),
    text: pdfText(bytes).pageTexts.join(' ').replace(/\s+/g, ' '),
  };
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

test('an organiser generates the report through its job: the PDF states the adopted recommendation verbatim, tagged, in its language', async () => {
  const empty = await organiser.get(base);
  assert.equal(empty.status, 200);
  assert.match(empty.text, /No version has been generated yet/);

  // The draws' verification addresses are printed: they carry the site's public address.
  process.env.LOTTA_PUBLIC_URL = 'https://klimat.example/';
  let location: string;
  try {
    location = await generate();
  } finally {
    delete process.env.LOTTA_PUBLIC_URL;
  }
  assert.equal(location, `${base}/versions/1?notice=generated`);
  const job = await t.database.db
    .selectFrom('jobs')
    .select('input')
    .where('kind', '=', 'final-report')
    .executeTakeFirstOrThrow();
  assert.match(job.input, /"origin":"https:\/\/klimat\.example"/);
  const page = await organiser.get(location);
  assert.equal(page.status, 200);
  assert.match(page.text, /Kommunen ska bygga cykelbanor längs älven före år 2030\./);
  assert.match(page.text, /Trafik och resor|Transport/);
  assert.doesNotMatch(page.text, /Ett utkast som ingen röstat om/, 'a draft is not in the report');

  assert.match(page.text, /Yes: 17, no: 1, abstained: 1/);
  assert.match(page.text, /Vi anser att år 2030 är för sent för älvens cykelbanor\./);
  const figures = {
    sv: [
      'Slutrapport',
      'Minst 80 % av avgivna röster',
      'Ja: 17, nej: 1, avstod: 1',
      'Antaget: 17 av 19, minst de 16 som behövs.',
      '19 röster (95 % av dem som kunde rösta)',
      'Vi anser att år 2030 är för sent för älvens cykelbanor.',
      'Skriven av Ledamot 19 Åström, även undertecknad av Ledamot 20 Åström. Ytterligare en medlem undertecknade utan att namnges.',
    ],
    en: [
      'Final report',
      'At least 80% of votes cast',
      'Yes: 17, no: 1, abstained: 1',
      '19 ballots (95% of those who could vote)',
    ],
  };
  for (const language of ['sv', 'en'] as const) {
    const { raw, text } = await pdfOf(organiser, `${base}/versions/1/pdf/${language}`);
    assert.ok(/\/StructTreeRoot \d+ 0 R/.test(raw), 'tagged');
    assert.ok(raw.includes(`/Lang (${language})`), 'its language set');
    for (const paragraph of firstText.split('\n\n'))
      assert.ok(text.includes(paragraph), `"${paragraph}" verbatim in the ${language} PDF`);
    for (const part of figures[language])
      assert.ok(text.includes(flat(part)), `${part} in the ${language} PDF`);
    assert.ok(!text.includes('Ledamot 18'), 'no signatory named without her consent');
  }
  const events = await t.database.db
    .selectFrom('audit_events')
    .select('action')
    .where('assembly_id', '=', assemblyId)
    .where('action', 'like', 'final_report.%')
    .execute();
  assert.deepEqual(events.map((e) => e.action).sort(), ['final_report.generate', 'final_report.version']);
});

test('a second version keeps the first as it was, readable and downloadable', async () => {
  // The plenary votes on another recommendation: it is not adopted.
  const fee = await createRecommendation(t.database, t.adminActor, assemblyId, groupId, {
    title: 'Avgift för bilar i centrum',
    body: secondText,
    rationale: '',
  });
  await plenaryVote(fee, 10, 8);
  assert.equal(await generate(), `${base}/versions/2?notice=generated`);
  const latest = await organiser.get(base);
  assert.match(latest.text, /Bilar som kör in i centrum på vardagar ska betala en avgift/);
  assert.match(latest.text, /Not adopted: 10 of 19, fewer than the 16 needed\./);
  assert.match(latest.text, new RegExp(`href="${base}/versions/1"`), 'the earlier version is listed');

  const first = await pdfOf(organiser, `${base}/versions/1/pdf/sv`);
  assert.ok(first.text.includes(firstText.split('\n\n')[0]), 'version 1 says what it said');
  assert.ok(!first.text.includes('Bilar som kör in'), 'and nothing decided since');
  const second = await pdfOf(organiser, `${base}/versions/2/pdf/sv`);
  assert.ok(second.text.includes(secondText), 'version 2 lists what was not adopted');
  assert.ok(second.text.includes(flat('Ja: 10, nej: 8, avstod: 1')));
  assert.ok(second.text.includes('Rekommendationer som inte antogs'));

  const older = await evaluator.get(`${base}/versions/1`);
  assert.equal(older.status, 200);
  assert.match(older.text, /You are reading version 1\. The latest is version 2\./);
  assert.doesNotMatch(older.text, /Bilar som kör in/);
  assert.equal((await evaluator.get(`${base}/versions/3`)).status, 404);
  assert.equal((await evaluator.get(`${base}/versions/1/pdf/fr`)).status, 404);
  assert.equal((await evaluator.getResponse(`${base}/versions/1/pdf/en`)).status, 200, 'the team reads');
});

test('the logo is taken as a PNG, shown on the page and drawn at the top of the PDF', async () => {
  await organiser.get(base);
  const saved = await organiser.upload(
    `${base}/logo`,
    { description: 'Ett grönt löv' },
    {
      logo: { name: 'logo.png', bytes: tinyPng, type: 'image/png' },
    },
  );
  assert.equal(saved.status, 303);
  const page = await organiser.get(saved.location ?? base);
  assert.match(page.text, /The logo has been saved/);
  assert.match(page.text, new RegExp(`<img[^>]*src="${base}/logo"[^>]*alt="The logo: Ett grönt löv"`));
  const image = await evaluator.getResponse(`${base}/logo`);
  assert.equal(image.status, 200);
  assert.equal(image.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await image.arrayBuffer()), tinyPng);

  assert.equal(await generate(), `${base}/versions/3?notice=generated`);
  const { raw } = await pdfOf(organiser, `${base}/versions/3/pdf/sv`);
  assert.ok(raw.includes('/Subtype /Image'), 'the logo is drawn');
  assert.ok(raw.includes('/S /Figure'), 'as a tagged figure');
  const description = Buffer.from('Ett grönt löv', 'utf16le').swap16().toString('latin1');
  assert.ok(raw.includes(`/Alt (\u00fe\u00ff${description})`), 'with its description');
});

test('a logo over 2 MB or not an image is refused, with what was typed kept and no file left behind', async () => {
  const logos = () => readdirSync(join(t.dataDir, 'logos'));
  const before = logos();
  await organiser.get(base);
  const big = new Uint8Array(2_000_001);
  big.set(tinyPng);
  const tooLarge = await organiser.upload(
    `${base}/logo`,
    { description: 'Stor bild på älven' },
    {
      logo: { name: 'big.png', bytes: big, type: 'image/png' },
    },
  );
  assert.equal(tooLarge.status, 422);
  assert.match(tooLarge.text, /id="logo-error"[^>]*>The image is larger than 2 MB/);
  assert.match(tooLarge.text, /value="Stor bild på älven"/, 'the description is kept');

  const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);
  const notImage = await organiser.upload(
    `${base}/logo`,
    { description: 'Ett program' },
    {
      logo: { name: 'logo.png', bytes: exe, type: 'image/png' },
    },
  );
  assert.equal(notImage.status, 422);
  assert.match(notImage.text, /id="logo-error"[^>]*>This file is not a PNG or JPEG image/);
  assert.match(notImage.text, /value="Ett program"/);

  const gif = await organiser.upload(
    `${base}/logo`,
    { description: 'En gif' },
    {
      logo: {
        name: 'logo.gif',
        bytes: new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000'),
        type: 'image/gif',
      },
    },
  );
  assert.equal(gif.status, 422, 'a GIF is an image, but not one the PDF can draw');
  assert.deepEqual(logos(), before, 'the refused files are gone; the saved logo stays');
});

test('the whole team reads the report; only organisers generate it and change the logo', async () => {
  const page = await evaluator.get(base);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /action="[^"]*\/final-report\/generate"/);
  assert.doesNotMatch(page.text, /action="[^"]*\/final-report\/logo"/);
  assert.equal((await evaluator.post(`${base}/generate`, {})).status, 403);
  assert.equal(
    (
      await evaluator.upload(
        `${base}/logo`,
        { description: 'x' },
        {
          logo: { name: 'logo.png', bytes: tinyPng, type: 'image/png' },
        },
      )
    ).status,
    403,
  );
});

test('a job stopped before it stores its version leaves no version and no file', async () => {
  const folder = () => readdirSync(join(t.dataDir, 'final-reports')).sort();
  const filesBefore = folder();
  const versionsBefore = await t.database.db.selectFrom('final_report_versions').select('id').execute();
  let asked = 0;
  await assert.rejects(
    finalReportJob.handle({
      jobId: 'stopped',
      input: { assemblyId, origin: 'https://lotta.example', requestedBy: 'someone' },
      database: t.database,
      dataDir: t.dataDir,
      attempt: 1,
      maxAttempts: 1,
      reportProgress: () => {},
      // Stopped after the first language was set.
      isCancelled: async () => asked++ > 0,
      signal: new AbortController().signal,
    }),
    JobCancelled,
  );
  assert.equal(asked, 2, 'asked before each language');
  assert.deepEqual(folder(), filesBefore, 'the first language’s PDF is gone again');
  assert.equal(
    (await t.database.db.selectFrom('final_report_versions').select('id').execute()).length,
    versionsBefore.length,
  );
  await organiser.get(base);
  const unknown = await organiser.post(`${base}/jobs/00000000-0000-4000-8000-000000000000/cancel`, {});
  assert.equal(unknown.status, 404);
});

test('on PostgreSQL too, versions are numbered, kept and read back', async () => {
  const pg = await startTestApp({ kind: 'postgres' });
  try {
    const id = await createTestAssembly(pg);
    const group = await saveWorkingGroup(pg.database, pg.adminActor, id, null, {
      nameSv: 'Energi',
      nameEn: 'Energy',
      facilitatorId: '',
      memberIds: [],
    });
    const rec = await createRecommendation(pg.database, pg.adminActor, id, group, {
      title: 'Solceller på skolornas tak',
      body: 'Kommunen ska sätta solceller på alla skolor före år 2030.',
      rationale: '',
    });
    // Withdrawn by its group: listed with those not adopted.
    await changeRecommendationStatus(pg.database, pg.adminActor, id, rec, 'withdrawn');
    const admin = new TestClient(pg.app);
    await admin.logIn(adminEmail);
    const path = `/a/${id}/final-report`;
    for (const number of [1, 2]) {
      await admin.get(path);
      let reply = await admin.post(`${path}/generate`, {});
      for (let i = 0; i < 100 && reply.location?.includes('/jobs/'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        reply = await admin.get(reply.location);
      }
      assert.equal(reply.location, `${path}/versions/${number}?notice=generated`);
    }
    const first = await admin.get(`${path}/versions/1`);
    assert.match(first.text, /Kommunen ska sätta solceller på alla skolor före år 2030\./);
    const pdf = await admin.getResponse(`${path}/versions/1/pdf/en`);
    assert.equal(pdf.status, 200);
    const text = pdfText(new Uint8Array(await pdf.arrayBuffer())).pageTexts.join(' ');
    assert.ok(
      text.replace(/\s+/g, ' ').includes('Kommunen ska sätta solceller på alla skolor före år 2030.'),
    );
  } finally {
    await pg.close();
  }
});
