/**
 * The final report's pure builder and its PDF: votes stated from tallies the voting core made, the
 * recommendations as adopted verbatim and grouped, those not adopted with their votes, minority
 * statements, and a tagged PDF in its language with the texts as written (å, ä, ö) and the logo.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pdfText } from '../../test/support/pdf-text.ts';
import { translator } from '../i18n/i18n.ts';
import type { Ballot, VoteSettings } from '../voting/model.ts';
import { tallyVote } from '../voting/tally.ts';
import {
  buildFinalReport,
  type FinalReportSources,
  fractionText,
  type VoteResult,
  voteFact,
} from './final-report.ts';
import { finalReportPdf } from './final-report-pdf.ts';
import { finalReportSchema } from './final-report-schema.ts';
import { minorityLine, voteRows } from './final-report-text.ts';

const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const closesAt = Date.parse('2027-03-14T15:00:00Z');

function settings(
  rule: VoteSettings['rule'],
  quorum: VoteSettings['quorum'] = { kind: 'none' },
): VoteSettings {
  return {
    rule,
    quorum,
    abstentions: 'cast',
    secrecy: 'secret',
    opensAt: closesAt - 600_000,
    closesAt,
    changesAllowed: false,
  };
}

function ballots(choices: Ballot['choice'][]): Ballot[] {
  return choices.map((choice, i) => ({ member: `m${i}`, choice, channel: 'phone', at: closesAt - 1000 }));
}

function many(n: number, choice: Ballot['choice']): Ballot['choice'][] {
  return new Array(n).fill(choice);
}

function result(
  id: string,
  recommendationId: string,
  voteSettings: VoteSettings,
  cast: Ballot['choice'][],
  eligible = 60,
): VoteResult {
  return {
    id,
    recommendationId,
    amendmentId: null,
    question: `Ska förslag ${id} antas?`,
    settings: voteSettings,
    tally: tallyVote({ settings: voteSettings, ballots: ballots(cast), eligible }),
    closedAt: new Date(closesAt).toISOString(),
    ballotsHash: 'ab'.repeat(32),
  };
}

const fourFifths = settings({
  kind: 'supermajority',
  fraction: { numerator: 4, denominator: 5 },
  base: 'cast',
});

test('a supermajority vote is stated with its rule in words, its counts, turnout and outcome', () => {
  // 47 of 59 is 79.66 %: below 80 %, not adopted.
  const vote = result('a', 'r1', fourFifths, [...many(47, { kind: 'yes' }), ...many(12, { kind: 'no' })]);
  const en = voteFact(vote, 60, 'en');
  assert.match(en.rule, /^At least 80\s?% of votes cast$/);
  assert.equal(en.abstentionRule, 'Abstentions count as votes cast');
  assert.equal(en.quorumRule, 'No quorum');
  assert.deepEqual([en.yes, en.no, en.abstain, en.ballots], [47, 12, 0, 59]);
  assert.equal(en.adopted, false);
  assert.equal(en.outcome, 'Not adopted: 47 of 59, fewer than the 48 needed.');
  assert.ok(Math.abs((en.turnout ?? 0) - 59 / 60) < 1e-9);
  const sv = voteFact(vote, 60, 'sv');
  assert.match(sv.rule, /^Minst 80\s?% av avgivna röster$/);

  const adopted = voteFact(
    result('b', 'r1', fourFifths, [...many(48, { kind: 'yes' }), ...many(11, { kind: 'no' })]),
    60,
    'en',
  );
  assert.equal(adopted.adopted, true);
  assert.equal(adopted.outcome, 'Adopted: 48 of 59, at least the 48 needed.');
  assert.equal(adopted.intact, true);

  // Ballots changed after closing no longer hash to the frozen fingerprint: the report says so.
  const tampered = voteFact({ ...vote, intact: false }, 60, 'en');
  const rows = new Map(voteRows(tampered, { t: translator('en'), language: 'en' }));
  assert.match(rows.get('Fingerprint of the ballots (SHA-256)') ?? '', /no longer match/);
  assert.equal(rows.get('Votes'), 'Yes: 47, no: 12, abstained: 0');
  assert.equal(rows.get('Turnout'), '59 ballots (98% of those who could vote)');
  // A vote in the room counts its turnout over those present, frozen at closing, not the whole panel.
  const inRoom = new Map(
    voteRows(voteFact({ ...vote, eligible: 59 }, 60, 'en'), { t: translator('en'), language: 'en' }),
  );
  assert.equal(inRoom.get('Turnout'), '59 ballots (100% of those who could vote)');
});

test('a missed quorum, a gradient and a consent vote state what their tallies say', () => {
  const quorum = settings({ kind: 'majority' }, { kind: 'ballots', minimum: 30 });
  const missed = voteFact(result('q', 'r1', quorum, many(10, { kind: 'yes' })), 60, 'en');
  assert.equal(missed.quorumMet, false);
  assert.equal(missed.quorumRule, 'At least 30 ballots');
  assert.match(missed.outcome, /too few ballots \(10 of the 30 needed/);

  const gradient = settings({
    kind: 'gradient',
    scale: 5,
    level: 4,
    fraction: { numerator: 2, denominator: 3 },
  });
  const graded = voteFact(
    result('g', 'r1', gradient, [
      ...many(3, { kind: 'grade', level: 5 }),
      ...many(2, { kind: 'grade', level: 4 }),
      { kind: 'grade', level: 1 },
    ]),
    60,
    'en',
  );
  assert.deepEqual(graded.distribution, [1, 0, 0, 2, 3]);
  assert.equal(graded.rule, 'At least 2/3 of grades at 4 or above, on a scale from 1 to 5');
  assert.equal(graded.adopted, true);

  const consent = voteFact(
    result('c', 'r1', settings({ kind: 'consent' }), [
      ...many(20, { kind: 'consent' }),
      { kind: 'objection', reason: 'För dyrt för kommunen' },
    ]),
    60,
    'sv',
  );
  assert.equal(consent.adopted, false);
  assert.deepEqual(consent.objections, ['För dyrt för kommunen']);
  assert.equal(consent.rule, 'Samtycke: antas om ingen invänder');
  assert.equal(fractionText({ numerator: 1, denominator: 2 }, 'en'), '50%');
});

const verbatim =
  'Kommunen ska bygga cykelbanor längs älven senast år 2030.\n\nÅtgärden ska följas upp varje år, och resultatet ska redovisas öppet för invånarna.';

function sources(votes: VoteResult[]): FinalReportSources {
  const data = {
    report: {
      sections: [],
      totals: { pool: 120, panel: 20, confirmed: 20, selected: 0, targets: 0, targetsMet: 0 },
      invitations: { sent: 2000, registered: 120, responseRate: 0.06 },
    },
    facts: {
      title: 'Klimatrådet',
      remit: 'Hur?',
      commissioner: 'Kommunen',
      startsOn: null,
      endsOn: null,
      panelSize: 20,
      engineVersion: 'lotta-1',
      runFinishedAt: null,
      generatedAt: '2027-03-15T10:00:00.000Z',
      draws: [
        {
          replacement: false,
          drawnAt: '2026-11-01T12:00:00.000Z',
          randomness: 'drand',
          seed: 'abc',
          commitment: 'def',
          verifyUrl: 'https://lotta.example/public/klimat/draw/d1/verify',
        },
      ],
      replacements: [],
    },
  } as unknown as FinalReportSources['representativeness']['sv'];
  const recommendation = (id: string, groupId: string, status: 'adopted' | 'not_adopted' | 'draft') => ({
    id,
    groupId,
    title: `Förslag ${id}: åtgärder för älvens väg`,
    body: verbatim,
    rationale: 'Därför att luften blir bättre.',
    status,
    version: 3,
  });
  return {
    assembly: {
      title: { sv: 'Klimatrådet', en: 'The Climate Assembly' },
      remit: { sv: 'Hur ska kommunen minska utsläppen?', en: 'How should emissions be cut?' },
      commissioner: 'Kommunen',
      startsOn: '2027-01-10',
      endsOn: '2027-03-14',
      panelSize: 20,
    },
    representativeness: { sv: data, en: data },
    sessions: [
      {
        title: { sv: 'Möte 1', en: 'Meeting 1' },
        type: 'learning',
        startsAt: '2027-01-10T09:00:00.000Z',
        endsAt: '2027-01-10T15:00:00.000Z',
        hours: 6,
        present: 18,
      },
    ],
    experts: [
      {
        name: 'Eva Lind',
        organisation: 'Institutet',
        topic: 'Utsläpp',
        interests: 'Styrelse i Vind AB',
        noneDeclared: false,
      },
    ],
    evidence: [
      { title: 'Klimatet i siffror', source: 'SMHI', publishedOn: '2026-05-01', perspective: '', link: null },
    ],
    requests: [
      {
        id: 'q1',
        askedAt: '2027-01-11T09:00:00.000Z',
        kind: 'information',
        question: 'Hur mycket kostar en cykelbana?',
        status: 'answered',
        answer: 'Ungefär 5 000 kr per meter.',
        handledAt: null,
        material: null,
      },
    ],
    groups: [
      { id: 'g1', name: { sv: 'Trafik', en: 'Transport' } },
      { id: 'g2', name: { sv: 'Energi', en: 'Energy' } },
    ],
    recommendations: [
      recommendation('r1', 'g1', 'adopted'),
      recommendation('r2', 'g2', 'not_adopted'),
      recommendation('r3', 'g2', 'draft'),
      recommendation('r4', 'g1', 'adopted'),
    ],
    votes,
    minorityStatements: {
      r1: [
        {
          text: 'Vi anser att 2030 är för sent.',
          author: 'Åsa Öberg',
          signatories: ['Älva Berg'],
          unnamed: 2,
        },
      ],
    },
    eligible: 20,
    generatedAt: '2027-03-15T10:00:00.000Z',
  };
}

const votes = [
  result('a', 'r1', fourFifths, [...many(18, { kind: 'yes' }), ...many(1, { kind: 'no' })], 20),
  result('b', 'r2', fourFifths, [...many(10, { kind: 'yes' }), ...many(9, { kind: 'no' })], 20),
  result('x', 'other', fourFifths, many(3, { kind: 'yes' }), 20),
];

test('the report groups the adopted recommendations verbatim by working group; those not adopted follow with their votes', () => {
  const report = buildFinalReport(sources(votes), 'sv');
  assert.deepEqual(
    report.adopted.map((g) => [g.name, g.recommendations.map((r) => r.id)]),
    [['Trafik', ['r1', 'r4']]],
  );
  assert.deepEqual(
    report.notAdopted.map((g) => [g.name, g.recommendations.map((r) => r.id)]),
    [['Energi', ['r2']]],
    'a draft is not in the report',
  );
  const r1 = report.adopted[0].recommendations[0];
  assert.equal(r1.paragraphs.join('\n\n'), verbatim, 'the text exactly as stored');
  assert.equal(r1.version, 3);
  assert.equal(r1.votes.length, 1, 'only its own votes');
  assert.equal(r1.votes[0].adopted, true);
  assert.deepEqual(r1.minorityStatements[0].signatories, ['Älva Berg']);
  assert.equal(
    minorityLine({ author: null, signatories: [], unnamed: 0 }, translator('en')),
    'Written by a member who is not named.',
  );
  assert.equal(
    minorityLine(r1.minorityStatements[0], translator('en')),
    'Written by Åsa Öberg, also signed by Älva Berg. 2 more members signed it without being named.',
  );
  assert.equal(report.notAdopted[0].recommendations[0].votes[0].adopted, false);
  assert.equal(report.adopted[0].recommendations[1].votes.length, 0);
  assert.equal(report.totalHours, 6);
  assert.equal(report.sessions[0].title, 'Möte 1');
  assert.equal(buildFinalReport(sources(votes), 'en').adopted[0].name, 'Transport');
  // What is stored is what is read back.
  assert.deepEqual(finalReportSchema.parse(JSON.parse(JSON.stringify(report))), report);
});

test('the PDF is tagged, in its language, with the texts as written and the logo as a described figure', async () => {
  const report = buildFinalReport(sources(votes), 'sv');
  const pdf = await finalReportPdf(report, {
    logo: { bytes: tinyPng, description: 'En grön löv' },
    version: 2,
    compress: false,
  });
  const raw = pdf.toString('latin1');
  assert.match(raw, /\/StructTreeRoot \d+ 0 R/);
  assert.match(raw, /\/Lang \(sv\)/);
  assert.match(raw, /\/S \/Figure/);
  assert.match(raw, /\/Subtype \/Image/);
  assert.match(raw, /\/S \/H5/, 'votes and minority statements head their parts');
  const text = pdfText(pdf).pageTexts.join(' ').replace(/\s+/g, ' ');
  for (const part of [
    'Slutrapport',
    'Kommunen ska bygga cykelbanor längs älven senast år 2030.',
    'Åtgärden ska följas upp varje år, och resultatet ska redovisas öppet för invånarna.',
    'Vi anser att 2030 är för sent.',
    'Åsa Öberg',
    'Styrelse i Vind AB',
    'https://lotta.example/public/klimat/draw/d1/verify',
    'Ja: 18, nej: 1, avstod: 0',
    'Version 2',
  ])
    assert.ok(text.includes(part), `${part} in the PDF`);
});
