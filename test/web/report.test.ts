import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { loadDemo } from '../../src/commands/demo.ts';
import { saveTargetSettings } from '../../src/commands/targets.ts';
import type { Database } from '../../src/db/connect.ts';
import { startJobRunner, stopJobRunners } from '../../src/jobs/runner.ts';
import { pdfText } from '../../src/report/pdf-text.ts';
import { findAssemblyBySlug, updateAssembly } from '../../src/repositories/assemblies.ts';
import { reportPdfSettings } from '../../src/web/routes/report/handlers.tsx';
import { adminEmail, createStaff, startTestApp, type TestApp, TestClient } from '../support/web.ts';

/** People per value of a question, among the given statuses (all when none are given). */
async function countAnswer(
  database: Database,
  assemblyId: string,
  question: string,
  value: string,
  statuses?: string[],
): Promise<number> {
  let q = database.db
    .selectFrom('person_answers')
    .innerJoin('people', 'people.id', 'person_answers.person_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('people.assembly_id', '=', assemblyId)
    .where('question_key', '=', question)
    .where('value', '=', value);
  if (statuses) q = q.where('people.status', 'in', statuses);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

async function countStatus(database: Database, assemblyId: string, statuses: string[]): Promise<number> {
  const row = await database.db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('assembly_id', '=', assemblyId)
    .where('status', 'in', statuses)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The table row of one value on the report page, as its cells' text. */
function pageRow(html: string, question: string, value: string): string[] {
  const section = new RegExp(`<h3 id="question-${question}">[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
  const row = new RegExp(`<tr data-value="${value.replace(/[+]/g, '\\+')}">([\\s\\S]*?)</tr>`).exec(
    section,
  )?.[1];
  assert.ok(row, `a row for ${question}=${value}`);
  return [...row.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1].replace(/\u00a0/g, ' '));
}

function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('the representativeness report', () => {
  let t: TestApp;
  let assemblyId: string;
  let report: string;
  let admin: TestClient;
  let evaluator: TestClient;
  let caller: TestClient;
  /** Counts of the demo's gender answers: pool = all who signed up, panel = selected + confirmed. */
  const panel: Record<string, number> = {};
  const pool: Record<string, number> = {};
  let panelTotal = 0;
  let knownName = '';
  let knownEmail = '';

  before(async () => {
    t = await startTestApp();
    await loadDemo(t.database);
    assemblyId = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!.id;
    report = `/a/${assemblyId}/report`;
    admin = new TestClient(t.app);
    assert.equal((await admin.logIn(adminEmail)).status, 303);
    for (const role of ['evaluator', 'caller']) {
      const email = `${role}@lotta.test`;
      await createStaff(t, email);
      await grantRole(t.database, t.adminActor, assemblyId, email, role);
    }
    evaluator = new TestClient(t.app);
    await evaluator.logIn('evaluator@lotta.test');
    caller = new TestClient(t.app);
    await caller.logIn('caller@lotta.test');

    for (const value of ['woman', 'man', 'non_binary']) {
      panel[value] = await countAnswer(t.database, assemblyId, 'gender', value, ['selected', 'confirmed']);
      pool[value] = await countAnswer(t.database, assemblyId, 'gender', value);
    }
    panelTotal = await countStatus(t.database, assemblyId, ['selected', 'confirmed']);

    // Targets: women held around their actual count (met), men above it (not met); shares of the population.
    await saveTargetSettings(t.database, t.adminActor, assemblyId, {
      kind: 'quotas',
      definition: {
        questions: {
          gender: {
            included: true,
            preferNotToSay: 'free',
            values: {
              woman: { min: panel.woman - 1, max: panel.woman + 1 },
              man: { min: panel.man + 1, max: panel.man + 5 },
            },
          },
          age: { included: false, preferNotToSay: 'free', values: {} },
          region: { included: false, preferNotToSay: 'free', values: {} },
          education: { included: false, preferNotToSay: 'free', values: {} },
        },
      },
      population: { gender: { woman: 50.4, man: 49.1, non_binary: 0.5 } },
    });
    await t.database.db
      .insertInto('selection_runs')
      .values({
        id: crypto.randomUUID(),
        assembly_id: assemblyId,
        kind: 'selection',
        status: 'done',
        settings: '{}',
        engine_version: '9.8.7',
        result: null,
        progress: null,
        error: null,
        cancel_requested: 0,
        created_at: '2027-01-10T09:00:00.000Z',
        started_at: '2027-01-10T09:00:00.000Z',
        finished_at: '2027-01-10T09:01:00.000Z',
        created_by: 'system',
      })
      .execute();
    const confirmed = await t.database.db
      .selectFrom('people')
      .innerJoin('person_contacts', 'person_contacts.person_id', 'people.id')
      .select(['person_contacts.full_name', 'person_contacts.email'])
      .where('people.assembly_id', '=', assemblyId)
      .where('people.status', '=', 'confirmed')
      .orderBy('people.reference')
      .executeTakeFirstOrThrow();
    knownName = confirmed.full_name;
    knownEmail = confirmed.email!;
  });
  after(() => t.close());

  test('the page shows per value the population, target, pool and panel, and whether the target is met', async () => {
    const reply = await admin.get(report);
    assert.equal(reply.status, 200);
    const poolTotal = 300;
    const share = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
    assert.deepEqual(pageRow(reply.text, 'gender', 'woman'), [
      'Woman',
      '50.4%',
      `${panel.woman - 1}–${panel.woman + 1}`,
      `${pool.woman} (${share(pool.woman, poolTotal)})`,
      `${panel.woman} (${share(panel.woman, panelTotal)})`,
      'Yes',
    ]);
    assert.deepEqual(pageRow(reply.text, 'gender', 'man'), [
      'Man',
      '49.1%',
      `${panel.man + 1}–${panel.man + 5}`,
      `${pool.man} (${share(pool.man, poolTotal)})`,
      `${panel.man} (${share(panel.man, panelTotal)})`,
      'No',
    ]);
    assert.deepEqual(pageRow(reply.text, 'gender', 'non_binary').slice(1, 3), ['0.5%', 'No target']);
    assert.equal(pageRow(reply.text, 'gender', 'non_binary')[5], '–');
    // A question left out of selection has no targets.
    assert.equal(pageRow(reply.text, 'age', '65+')[2], 'No target');

    const confirmed = await countStatus(t.database, assemblyId, ['confirmed']);
    const selected = await countStatus(t.database, assemblyId, ['selected']);
    assert.ok(
      reply.text.includes(
        `everyone with the status Confirmed (${confirmed}) or Selected and not yet confirmed (${selected})`,
      ),
    );
    assert.match(reply.text, /<dt>Targets met<\/dt><dd>1 of 2<\/dd>/);
    assert.match(reply.text, /<dt>Invitations sent<\/dt><dd>400<\/dd>/);
    assert.match(reply.text, /<dt>Registrations<\/dt><dd>300<\/dd>/);
    assert.match(reply.text, /<dt>Response rate<\/dt><dd>75\.0%<\/dd>/);
    // The demo's panel has seats left by people who declined: the report says it is not full.
    assert.ok(panelTotal < 60);
    assert.match(
      reply.text,
      new RegExp(`<dt>Panel</dt><dd>${panelTotal} of 60 seats filled: the panel is not full</dd>`),
    );
    assert.match(reply.text, /Lotta 9\.8\.7, run finished 10 January 2027/);
    assert.match(reply.text, /Demo: Regeringskansliet/);
    // A chart per question with its numbers for screen readers, and no inline styles.
    assert.match(
      reply.text,
      /<figcaption>Gender: share of the population, the pool and the panel<\/figcaption>/,
    );
    assert.doesNotMatch(reply.text, /\sstyle=/);
    // Downloads in either language.
    assert.match(reply.text, new RegExp(`href="${report}\\.pdf\\?language=sv"`));
    assert.match(reply.text, new RegExp(`href="${report}\\.csv\\?language=en"`));
  });

  test('the CSV has a byte-order mark, the columns and the same numbers', async () => {
    const reply = await admin.get(`${report}.csv?language=en`);
    assert.equal(reply.status, 200);
    assert.match(reply.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(
      reply.headers.get('content-disposition') ?? '',
      /attachment; filename="representativeness-demo-klimatradet-en\.csv"/,
    );
    // Response.text() drops a byte-order mark, so look at the bytes.
    const cookie = (admin as unknown as { cookieHeader(): string }).cookieHeader();
    const bytes = new Uint8Array(
      await (await t.app.request(`${report}.csv?language=en`, { headers: { cookie } })).arrayBuffer(),
    );
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = csvRows(reply.text);
    assert.deepEqual(rows[0], [
      'question_key',
      'Question',
      'value_key',
      'Answer',
      'Population (%)',
      'Target min (seats)',
      'Target max (seats)',
      'Pool (people)',
      'Pool (%)',
      'Panel (people)',
      'Panel (%)',
      'Target met',
    ]);
    const woman = rows.find((r) => r[0] === 'gender' && r[2] === 'woman')!;
    assert.deepEqual(woman.slice(4), [
      '50.4',
      String(panel.woman - 1),
      String(panel.woman + 1),
      String(pool.woman),
      ((100 * pool.woman) / 300).toFixed(1),
      String(panel.woman),
      ((100 * panel.woman) / panelTotal).toFixed(1),
      'Yes',
    ]);
    assert.equal(rows.find((r) => r[0] === 'gender' && r[2] === 'man')![11], 'No');
    // One row per question and value: 3 genders, 4 ages, 6 regions, 3 educations, plus "prefer not to say" where chosen.
    const keys = rows.slice(1).map((r) => `${r[0]}:${r[2]}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const key of ['gender:non_binary', 'age:65+', 'region:norrland', 'education:university'])
      assert.ok(keys.includes(key), key);

    const swedish = await admin.get(`${report}.csv?language=sv`);
    // Swedish Excel: semicolons and decimal commas.
    assert.match(swedish.text, /^question_key;Fråga;value_key;Svar;Befolkningen \(%\)/);
    assert.match(swedish.text, /\r\nregion;Landsdel;svealand;Övriga Svealand;/);
    assert.match(swedish.text, /\r\ngender;Kön;woman;Kvinna;50,4;/);
    await admin.get(`${report}?lang=en`);
  });

  test('the PDF parses and is in the language asked for, with å, ä and ö intact', async () => {
    const cookie = (admin as unknown as { cookieHeader(): string }).cookieHeader();
    for (const [lang, expected] of [
      ['sv', ['Rapport om representativitet', 'Klimatrådet (demo)', 'Uppfyllda mål', 'Övriga Svealand']],
      [
        'en',
        [
          'Representativeness report',
          'The Climate Assembly (demo)',
          'Targets met',
          'Rest of Svealand',
          // The demo's panel was drawn in public: the report says how, and where to check it.
          'The public draw',
          'Draw of the panel',
          '10 rolls of a 10-sided die, rolled live at the draw',
          `/public/demo-klimatradet/draw/`,
          'Nobody on the panel has been replaced.',
        ],
      ],
    ] as const) {
      const response = await t.app.request(`${report}.pdf?language=${lang}`, { headers: { cookie } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      const pdf = new Uint8Array(await response.arrayBuffer());
      const raw = Buffer.from(pdf).toString('latin1');
      assert.ok(raw.startsWith('%PDF-') && raw.trimEnd().endsWith('%%EOF'));
      const text = pdfText(pdf);
      for (const word of expected) assert.ok(text.includes(word), `${word} in the ${lang} PDF`);
      // Tagged, with the document's language, for screen readers.
      assert.match(raw, new RegExp(`/Lang \\(${lang === 'sv' ? 'sv-SE' : 'en-GB'}\\)`));
      assert.match(raw, /\/StructTreeRoot \d+ 0 R/);
      assert.match(raw, /\/Marked true/);
      assert.ok(text.includes('Lotta 9.8.7'));
    }
    await admin.get(`${report}?lang=en`);
  });

  test("the draws' verification addresses carry the site's public address (LOTTA_PUBLIC_URL), as printed links do", async () => {
    process.env.LOTTA_PUBLIC_URL = 'https://klimat.example/';
    try {
      const page = await admin.get(report);
      assert.match(
        page.text,
        /href="https:\/\/klimat\.example\/public\/demo-klimatradet\/draw\/[^"]+\/verify"/,
      );
    } finally {
      delete process.env.LOTTA_PUBLIC_URL;
    }
  });

  test('no output names anyone: no names, e-mail addresses or references', async () => {
    const cookie = (admin as unknown as { cookieHeader(): string }).cookieHeader();
    const page = (await admin.get(report)).text;
    const csv = (await admin.get(`${report}.csv?language=sv`)).text;
    const pdf = pdfText(
      new Uint8Array(
        await (await t.app.request(`${report}.pdf?language=sv`, { headers: { cookie } })).arrayBuffer(),
      ),
    );
    await admin.get(`${report}?lang=en`);
    assert.ok(pdf.length > 500, 'the PDF text was read');
    for (const [name, output] of Object.entries({ page, csv, pdf })) {
      assert.ok(!output.includes(knownName), `${knownName} is not in the ${name}`);
      assert.ok(!output.includes(knownEmail), `no e-mail in the ${name}`);
      assert.doesNotMatch(output, /P-\d{5}/, `no references in the ${name}`);
      assert.doesNotMatch(output, /Demogatan/, `no address in the ${name}`);
    }
  });

  test("a download in another language leaves the person's choice of language as it was", async () => {
    const swedish = new TestClient(t.app);
    await swedish.logIn(adminEmail);
    const page = await swedish.get(`${report}?lang=sv`);
    assert.match(page.text, /<html lang="sv"/);
    const link = new RegExp(`href="(${report}\\.pdf\\?[^"]*)"[^>]*hreflang="en"`).exec(page.text)?.[1];
    assert.ok(link, 'a link to the English PDF');
    const pdf = await swedish.get(link.replaceAll('&amp;', '&'));
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(pdf.headers.getSetCookie().length, 0, 'the download sets no cookie');
    const next = await swedish.get(`/a/${assemblyId}/people`);
    assert.match(next.text, /<html lang="sv"/);
    const csvLink = new RegExp(`href="(${report}\\.csv\\?[^"]*)"[^>]*hreflang="en"`).exec(page.text)?.[1];
    const csv = await swedish.get(csvLink!.replaceAll('&amp;', '&'));
    assert.match(csv.text, /^\uFEFF?question_key,Question,/);
    assert.match((await swedish.get(report)).text, /<html lang="sv"/);
  });

  test('evaluators may read the report; callers may not', async () => {
    assert.equal((await evaluator.get(report)).status, 200);
    assert.equal((await evaluator.get(`${report}.csv`)).status, 200);
    assert.equal((await caller.get(report)).status, 403);
    assert.equal((await caller.get(`${report}.pdf`)).status, 403);
  });

  test('the PDF is made by a job into the data folder, reused while the report is unchanged, and survives a restart', async () => {
    const cookie = (admin as unknown as { cookieHeader(): string }).cookieHeader();
    const download = (path: string) => t.app.request(path, { headers: { cookie } });
    const jobsIn = async (language: string) =>
      (
        await t.database.db
          .selectFrom('jobs')
          .selectAll()
          .where('kind', '=', 'report-pdf')
          .where('assembly_id', '=', assemblyId)
          .orderBy('created_at')
          .execute()
      ).filter((j) => (JSON.parse(j.input) as { language?: string }).language === language);

    // The Swedish PDF was asked for several times above: one job made it, and its file is handed out.
    const bytes = Buffer.from(await (await download(`${report}.pdf?language=sv`)).arrayBuffer());
    const [made] = await jobsIn('sv');
    assert.equal((await jobsIn('sv')).length, 1);
    assert.equal(made.status, 'done');
    assert.deepEqual(readFileSync(join(t.dataDir, 'jobs', made.id, 'report.pdf')), bytes);
    // The ended job keeps which report it was, not its numbers.
    assert.deepEqual(JSON.parse(made.input), { assemblyId, language: 'sv' });
    const byJob = await download(`${report}/pdf/${made.id}?language=sv`);
    assert.equal(byJob.headers.get('content-type'), 'application/pdf');
    assert.deepEqual(Buffer.from(await byJob.arrayBuffer()), bytes);
    assert.equal((await download(`${report}/pdf/00000000-0000-4000-8000-000000000000`)).status, 404);

    // A changed report is a new file.
    const assembly = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!;
    await updateAssembly(t.database.db, assemblyId, { panel_size: assembly.panel_size + 1 });
    try {
      const changed = await download(`${report}.pdf?language=sv`);
      assert.equal(changed.headers.get('content-type'), 'application/pdf');
      assert.equal((await jobsIn('sv')).length, 2);

      // Longer than the request waits, and no runner (the process restarts): a page follows the job,
      // and the file comes once a runner has made it.
      const saved = { wait: reportPdfSettings.waitMillis, workers: process.env.LOTTA_WORKERS };
      reportPdfSettings.waitMillis = 0;
      process.env.LOTTA_WORKERS = '0';
      try {
        await stopJobRunners(t.database);
        const slow = await admin.get(`${report}.pdf?language=en`);
        assert.equal(slow.status, 303);
        assert.match(slow.location!, new RegExp(`${report}/pdf/[0-9a-f-]{36}\\?language=en$`));
        const waiting = await admin.get(slow.location!);
        assert.equal(waiting.status, 200);
        assert.equal(waiting.headers.get('refresh'), '2');
        assert.match(waiting.text, /<progress id="report-progress" max="100" value="0">/);
        assert.match(waiting.text, /The report is being set into a PDF file/);
        if (saved.workers === undefined) delete process.env.LOTTA_WORKERS;
        else process.env.LOTTA_WORKERS = saved.workers;
        startJobRunner(t.database, { dataDir: t.dataDir });
        let ready = await download(slow.location!);
        for (let i = 0; i < 200 && ready.headers.get('content-type') !== 'application/pdf'; i++) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          ready = await download(slow.location!);
        }
        assert.equal(ready.headers.get('content-type'), 'application/pdf');
        assert.match(
          ready.headers.get('content-disposition') ?? '',
          /representativeness-demo-klimatradet-en\.pdf/,
        );
        assert.ok(pdfText(new Uint8Array(await ready.arrayBuffer())).includes('Representativeness report'));
      } finally {
        reportPdfSettings.waitMillis = saved.wait;
        if (saved.workers === undefined) delete process.env.LOTTA_WORKERS;
        else process.env.LOTTA_WORKERS = saved.workers;
        startJobRunner(t.database, { dataDir: t.dataDir });
      }
    } finally {
      await updateAssembly(t.database.db, assemblyId, { panel_size: assembly.panel_size });
    }
  });

  test('without targets or runs the report says so', async () => {
    await t.database.db.deleteFrom('targets').where('assembly_id', '=', assemblyId).execute();
    await t.database.db.deleteFrom('selection_runs').where('assembly_id', '=', assemblyId).execute();
    const reply = await admin.get(report);
    assert.equal(reply.status, 200);
    assert.match(reply.text, /<dt>Targets met<\/dt><dd>No targets set<\/dd>/);
    assert.match(reply.text, /No selection run yet/);
    assert.deepEqual(pageRow(reply.text, 'gender', 'woman').slice(1, 3), ['–', 'No target']);
  });
});
