import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Question } from '../domain/questions.ts';
import type { TargetSettings } from '../domain/targets.ts';
import { translator } from '../i18n/i18n.ts';
import { csvColumns, reportCsv } from './csv.ts';
import type { ReportFacts } from './format.ts';
import { renderReportPdf } from './pdf.ts';
import { pdfText } from './pdf-text.ts';
import { type AnswerCount, buildReport, type ReportInput, targetRange } from './representativeness.ts';

const gender: Question = {
  key: 'gender',
  label: { sv: 'Kön', en: 'Gender' },
  options: [
    { value: 'woman', label: { sv: 'Kvinna', en: 'Woman' } },
    { value: 'man', label: { sv: 'Man', en: 'Man' } },
  ],
};
const region: Question = {
  key: 'region',
  label: { sv: 'Landsdel', en: 'Region' },
  options: [
    { value: 'norrland', label: { sv: 'Norrland', en: 'Norrland' } },
    { value: 'svealand', label: { sv: 'Övriga Svealand', en: 'Rest of Svealand' } },
  ],
};

/**
 * 12 people: 2 only invited, 4 registered, 3 selected, 2 confirmed, 1 declined. The panel is the 5
 * selected and confirmed, the pool the 10 who signed up.
 */
function answers(): AnswerCount[] {
  const rows: [string, string, string, number][] = [
    ['invited', 'gender', 'woman', 2],
    ['registered', 'gender', 'woman', 1],
    ['registered', 'gender', 'man', 3],
    ['selected', 'gender', 'woman', 2],
    ['selected', 'gender', 'prefer_not_to_say', 1],
    ['confirmed', 'gender', 'man', 2],
    ['declined', 'gender', 'woman', 1],
    ['invited', 'region', 'norrland', 2],
    ['registered', 'region', 'svealand', 4],
    ['selected', 'region', 'norrland', 3],
    ['confirmed', 'region', 'svealand', 1],
    // An answer that is no longer an option of the question still counts.
    ['confirmed', 'region', 'gotland', 1],
    ['declined', 'region', 'svealand', 1],
  ];
  return rows.map(([status, question, value, count]) => ({ status, question, value, count }));
}

function input(targets: TargetSettings | null = null): ReportInput {
  return {
    questions: [gender, region],
    panelSize: 5,
    statusCounts: { invited: 2, registered: 4, selected: 3, confirmed: 2, declined: 1 },
    answerCounts: answers(),
    targets,
    invitations: { sent: 40, registered: 10 },
  };
}

const quotas: TargetSettings = {
  kind: 'quotas',
  definition: {
    questions: {
      gender: {
        included: true,
        preferNotToSay: 'free',
        values: { woman: { min: 2, max: 3 }, man: { min: 3, max: 4 } },
      },
      region: { included: false, preferNotToSay: 'free', values: { norrland: { min: 1, max: 1 } } },
    },
  },
  population: { gender: { woman: 50.5, man: 49.5 }, region: { norrland: 12, svealand: 30 } },
};

function row(report: ReturnType<typeof buildReport>, question: string, value: string) {
  const found = report.sections.find((s) => s.question.key === question)?.rows.find((r) => r.value === value);
  assert.ok(found, `${question}=${value} is in the report`);
  return found;
}

test('counts the pool (everyone who signed up) and the panel (selected and confirmed) per value', () => {
  const report = buildReport(input());
  assert.deepEqual(report.totals, {
    pool: 10,
    panel: 5,
    confirmed: 2,
    selected: 3,
    targets: 0,
    targetsMet: 0,
  });
  const woman = row(report, 'gender', 'woman');
  assert.equal(woman.pool, 4); // registered 1 + selected 2 + declined 1; not the 2 only invited
  assert.equal(woman.panel, 2);
  assert.equal(woman.poolShare, 0.4);
  assert.equal(woman.panelShare, 0.4);
  assert.equal(woman.populationShare, null);
  assert.equal(woman.target, null);
  assert.equal(woman.met, null);
  const man = row(report, 'gender', 'man');
  assert.deepEqual([man.pool, man.panel], [5, 2]);
  // "Prefer not to say" shows when someone chose it; a stale option value shows as itself.
  assert.deepEqual(
    report.sections[0].rows.map((r) => r.value),
    ['woman', 'man', 'prefer_not_to_say'],
  );
  assert.deepEqual(
    report.sections[1].rows.map((r) => r.value),
    ['norrland', 'svealand', 'gotland'],
  );
  assert.deepEqual([row(report, 'region', 'gotland').pool, row(report, 'region', 'gotland').panel], [1, 1]);
  assert.deepEqual(report.invitations, { sent: 40, registered: 10, responseRate: 0.25 });
  assert.equal(report.targetKind, null);
});

test('flags each target as met or not, and leaves out questions without targets', () => {
  const report = buildReport(input(quotas));
  const woman = row(report, 'gender', 'woman');
  assert.deepEqual(woman.target, { min: 2, max: 3 });
  assert.equal(woman.met, true); // 2 on the panel
  const man = row(report, 'gender', 'man');
  assert.deepEqual(man.target, { min: 3, max: 4 });
  assert.equal(man.met, false); // 2 on the panel, at least 3 wanted
  assert.equal(man.populationShare, 0.495);
  // Free "prefer not to say" and a question left out of selection have no target.
  assert.equal(row(report, 'gender', 'prefer_not_to_say').met, null);
  assert.equal(row(report, 'region', 'norrland').target, null);
  assert.equal(row(report, 'region', 'norrland').populationShare, 0.12);
  assert.deepEqual([report.totals.targets, report.totals.targetsMet], [2, 1]);
  assert.equal(report.targetKind, 'quotas');
});

test('percentage and point targets become seat ranges of the panel size', () => {
  const percentages: TargetSettings = {
    kind: 'percentages',
    definition: {
      questions: {
        gender: {
          included: true,
          preferNotToSay: 'free',
          values: { woman: { minPercent: 40, maxPercent: 60 } },
        },
      },
    },
    population: { gender: { man: 50 } },
  };
  // 40–60 % of 5 seats is 2..3; a value without percentages takes its population share: 2.5 → 2..3.
  assert.deepEqual(targetRange(percentages, 'gender', 'woman', 5), { min: 2, max: 3 });
  assert.deepEqual(targetRange(percentages, 'gender', 'man', 5), { min: 2, max: 3 });
  const points: TargetSettings = {
    kind: 'points',
    definition: {
      questions: { gender: { included: true, preferNotToSay: 'free', values: { woman: { points: 2.4 } } } },
    },
    population: { gender: { man: 40 } },
  };
  assert.deepEqual(targetRange(points, 'gender', 'woman', 5), { min: 2, max: 3, point: 2.4 });
  assert.deepEqual(targetRange(points, 'gender', 'man', 5), { min: 2, max: 2, point: 2 });
  const report = buildReport(input(points));
  assert.equal(row(report, 'gender', 'woman').met, true);
  assert.equal(row(report, 'gender', 'man').met, true);
  assert.equal(targetRange(null, 'gender', 'woman', 5), null);
});

test('an assembly without invitations or people divides by nothing', () => {
  const report = buildReport({
    questions: [gender],
    panelSize: 5,
    statusCounts: {},
    answerCounts: [],
    targets: null,
    invitations: { sent: 0, registered: 0 },
  });
  assert.equal(report.invitations.responseRate, null);
  assert.deepEqual(
    report.sections[0].rows.map((r) => [r.value, r.poolShare, r.panelShare]),
    [
      ['woman', null, null],
      ['man', null, null],
    ],
  );
});

test('the CSV has a byte-order mark, the columns, and one row per question and value', () => {
  const csv = reportCsv(buildReport(input(quotas)), 'sv', translator('sv'));
  assert.ok(csv.startsWith('\uFEFF'));
  const lines = csv.slice(1).trimEnd().split('\r\n');
  // Swedish: semicolons and decimal commas, as Swedish Excel reads them.
  assert.equal(lines[0].split(';').length, csvColumns.length);
  assert.match(lines[0], /^question_key;Fråga;value_key;Svar;Befolkningen \(%\);/);
  assert.equal(lines.length, 1 + 3 + 3);
  assert.equal(lines[1], 'gender;Kön;woman;Kvinna;50,5;2;3;4;40,0;2;40,0;Ja');
  assert.equal(lines[2], 'gender;Kön;man;Man;49,5;3;4;5;50,0;2;40,0;Nej');
  assert.equal(lines[3], 'gender;Kön;prefer_not_to_say;Vill inte svara;;;;1;10,0;1;20,0;');
  assert.equal(lines[5], 'region;Landsdel;svealand;Övriga Svealand;30,0;;;6;60,0;1;20,0;');
  const english = reportCsv(buildReport(input(quotas)), 'en', translator('en'));
  assert.match(english, /^\uFEFFquestion_key,Question,value_key,Answer,Population \(%\),/);
  assert.match(english, /gender,Gender,woman,Woman,50.5,2,3,4,40.0,2,40.0,Yes\r\n/);
});

test('labels that look like formulas are defused in the CSV', () => {
  const sneaky: Question = {
    key: 'q',
    label: { sv: '=HYPERLINK("x")', en: '=HYPERLINK("x")' },
    options: [{ value: 'a', label: { sv: '+1+A1', en: '+1+A1' } }],
  };
  const csv = reportCsv(
    buildReport({ ...input(), questions: [sneaky], answerCounts: [] }),
    'en',
    translator('en'),
  );
  assert.match(csv, /\r\nq,"'=HYPERLINK\(""x""\)",a,'\+1\+A1,/);
});

const facts: ReportFacts = {
  title: 'Klimatrådet i Göteborg',
  remit: 'Hur når vi klimatmålen på ett rättvist sätt?',
  commissioner: 'Göteborgs stad',
  startsOn: '2027-03-01',
  endsOn: '2027-06-30',
  panelSize: 5,
  engineVersion: '1.2.3',
  runFinishedAt: '2027-02-01T10:00:00.000Z',
  generatedAt: '2027-02-02T10:00:00.000Z',
  draws: [],
  replacements: [],
};

test('the PDF parses, and its Swedish text keeps å, ä and ö whether compressed or not', async () => {
  for (const compress of [true, false]) {
    const pdf = await renderReportPdf(buildReport(input(quotas)), facts, 'sv', translator('sv'), {
      compress,
    });
    const raw = pdf.toString('latin1');
    assert.ok(raw.startsWith('%PDF-'));
    assert.ok(raw.trimEnd().endsWith('%%EOF'));
    assert.match(raw, /\/Type \/Pages/);
    assert.ok((raw.match(/\/Type \/Page\b/g) ?? []).length >= 1);
    // Swedish puts a no-break space before the per cent sign.
    const text = pdfText(pdf).replace(/\u00a0/g, ' ');
    for (const expected of [
      'Rapport om representativitet',
      'Klimatrådet i Göteborg',
      'Uppfyllda mål',
      'Övriga Svealand',
      'Skickade inbjudningar',
      'Lotta 1.2.3',
      '1 mars 2027 – 30 juni 2027',
      '25,0 %',
    ]) {
      assert.ok(text.includes(expected), `${expected} in the ${compress ? 'compressed' : 'plain'} PDF`);
    }
  }
});

test('the PDF is in the language asked for and spans pages with numbers when long', async () => {
  const many: Question[] = Array.from({ length: 12 }, (_, i) => ({
    key: `q${i}`,
    label: { sv: `Fråga ${i}`, en: `Question ${i}` },
    options: Array.from({ length: 5 }, (_, j) => ({
      value: `v${j}`,
      label: { sv: `Värde ${j}`, en: `Value ${j}` },
    })),
  }));
  const pdf = await renderReportPdf(
    buildReport({ ...input(), questions: many }),
    facts,
    'en',
    translator('en'),
  );
  const text = pdfText(pdf);
  assert.match(text, /Representativeness report/);
  assert.match(text, /Question 11/);
  assert.doesNotMatch(text, /Uppfyllda mål/);
  const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
  assert.ok(pages >= 2, `${pages} pages`);
  assert.match(text, new RegExp(`Page ${pages} of ${pages}`));
});

test('the PDF is tagged for screen readers, with its language and title, and names the public draw and the replacements', async () => {
  const withDraw: ReportFacts = {
    ...facts,
    draws: [
      {
        replacement: false,
        drawnAt: '2027-02-01T13:00:00.000Z',
        randomness: '10 kast med en 10-sidig tärning, kastade direkt vid dragningen',
        seed: 'dice 10d10: 2718281828',
        commitment: 'ab'.repeat(32),
        verifyUrl: 'https://lotta.example.se/public/klimatradet/draw/d1/verify',
      },
    ],
    replacements: [
      {
        at: '2027-03-10T09:00:00.000Z',
        pairs: [{ replaced: 'P-00003', replacement: 'P-00042' }],
        changes: ['Kön – Kvinna: 3 före, 2 efter', 'Kön – Man: 2 före, 3 efter'],
      },
    ],
  };
  const pdf = await renderReportPdf(buildReport(input(quotas)), withDraw, 'sv', translator('sv'));
  const raw = pdf.toString('latin1');
  assert.ok(raw.startsWith('%PDF-1.7'));
  const catalog = /\/Type \/Catalog[\s\S]*?>>\nendobj/.exec(raw)?.[0] ?? '';
  assert.match(catalog, /\/Lang \(sv-SE\)/);
  assert.match(catalog, /\/StructTreeRoot \d+ 0 R/);
  assert.match(catalog, /\/MarkInfo \d+ 0 R|\/MarkInfo <<\s*\/Marked true/);
  assert.match(raw, /\/Marked true/);
  assert.match(raw, /\/DisplayDocTitle true/);
  assert.match(raw, /\/Title (\d+ 0 R|[(<])/);
  // The structure: headings, tables with header cells, lists; page numbers are artifacts.
  for (const type of ['Document', 'H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD', 'L', 'LI', 'LBody'])
    assert.match(raw, new RegExp(`/S /${type}\\b`), type);
  assert.match(raw, /\/Scope \/Column/);
  const text = pdfText(pdf).replace(/\u00a0/g, ' ');
  for (const expected of [
    'Den offentliga dragningen',
    'Dragning av rådet',
    '10 kast med en 10-sidig tärning',
    'dice 10d10: 2718281828',
    'https://lotta.example.se/public/klimatradet/draw/d1/verify',
    'Ersättare',
    'P-00042 tog platsen efter P-00003',
    'Kön – Kvinna: 3 före, 2 efter',
  ])
    assert.ok(text.includes(expected), `${expected} in the PDF`);
});

test('the PDF says so when nothing has been drawn or replaced yet', async () => {
  const text = pdfText(await renderReportPdf(buildReport(input()), facts, 'en', translator('en')));
  assert.ok(text.includes('The panel has not been drawn in public yet.'));
  assert.ok(text.includes('Nobody on the panel has been replaced.'));
});
