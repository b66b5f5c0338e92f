import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pdfText } from '../../test/support/pdf-text.ts';
import type { AssemblySession } from '../repositories/sessions.ts';
import { type PrintedProgramme, programmePdf } from './programme-pdf.ts';

const session = (
  id: string,
  status: 'published' | 'cancelled',
  startsAt: string,
  endsAt: string,
): AssemblySession => ({
  id,
  assemblyId: 'a',
  title: { sv: `Möte ${id}`, en: `Meeting ${id}` },
  type: 'learning',
  status,
  startsAt,
  endsAt,
  place: {
    address: 'Folkets hus, Storgatan 1',
    room: 'Stora salen',
    accessibility: 'Hiss',
    directions: 'Buss 4',
  },
  onlineLink: '',
  agenda: [],
  about: { sv: 'Vi lär oss om klimatet.', en: '' },
  bring: { sv: 'Ta med glasögon.', en: 'Bring your glasses.' },
  updatedAt: '',
});

function programme(language: 'sv' | 'en', name: string): PrintedProgramme {
  return {
    language,
    name,
    assemblyTitle: 'Klimatrådet',
    checkInUrl: 'https://lotta.example/a/x/check-in/person/y',
    contact: { coordinator: 'Lotta Larsson', email: 'rad@example.se', phone: '08-123 45' },
    sessions: [
      // Across the end of summer time: 10:00 on both days, UTC+2 then UTC+1.
      session('1', 'published', '2027-10-30T08:00:00.000Z', '2027-10-30T14:00:00.000Z'),
      session('2', 'published', '2027-10-31T09:00:00.000Z', '2027-10-31T14:00:00.000Z'),
      session('3', 'cancelled', '2027-11-06T09:00:00.000Z', '2027-11-06T15:00:00.000Z'),
    ],
    details: {
      '1': {
        materials: [
          {
            id: 'e',
            title: 'Klimatet i siffror',
            summary: '',
            easyRead: 'Kort om klimatet.',
            link: 'https://example.se/r',
            hasFile: false,
          },
        ],
        experts: [
          {
            id: 'x',
            name: 'Eva Lind',
            organisation: 'Institutet',
            topic: 'Utsläpp',
            interests: 'Styrelse i Vind AB',
            noneDeclared: false,
          },
        ],
        change: null,
      },
    },
  };
}

test('each member gets her programme in her language, on its own pages, tagged, with the times in Swedish time', async () => {
  const pdf = await programmePdf([programme('sv', 'Anna Andersson'), programme('en', 'Bo Berg')], {
    language: 'sv',
    title: 'Program',
    compress: false,
  });
  const raw = pdf.toString('latin1');
  assert.match(raw, /\/StructTreeRoot \d+ 0 R/);
  assert.match(raw, /\/Lang \(sv\)/);
  assert.match(raw, /\/Lang \(en\)/, 'the English member’s section is marked English');
  assert.match(raw, /\/S \/Figure/);
  const { pageTexts } = pdfText(pdf);
  // Lines wrap where the page ends them: compared as running text.
  const text = pageTexts.join(' ').replace(/\s+/g, ' ');
  const swedish = text.slice(0, text.indexOf('For Bo Berg'));
  const english = text.slice(text.indexOf('For Bo Berg'));
  for (const part of [
    'Till Anna Andersson',
    'Möte 1',
    'lördag 30 oktober 2027, 10:00 till 16:00',
    'söndag 31 oktober 2027, 10:00 till 15:00',
    'Ta med glasögon.',
    'Klimatet i siffror',
    'Eva Lind',
    'Styrelse i Vind AB',
    'Fråga Lotta Larsson.',
    'Ring 08-123 45',
    'Din kod för incheckning',
  ])
    assert.ok(swedish.includes(part), `${part} in the Swedish programme`);
  assert.ok(
    swedish.includes('Möte 3 (Inställt)') || swedish.includes('Möte 3 (inställt)'),
    'the cancelled meeting is marked',
  );
  for (const part of [
    'For Bo Berg',
    'Meeting 1',
    'Saturday, 30 October 2027, 10:00 to 16:00',
    'Bring your glasses.',
    'Your check-in code',
  ])
    assert.ok(english.includes(part), `${part} in the English programme`);
  // What is about is written only in Swedish: the English programme shows it, marked Swedish.
  assert.ok(english.includes('Vi lär oss om klimatet.'));
});
