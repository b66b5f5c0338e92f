import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import QRCode from 'qrcode';
import { pdfText } from '../../test/support/pdf-text.ts';
import { englishCsv, swedishCsv } from '../io/csv-writer.ts';
import {
  checkTemplate,
  type LetterTemplate,
  LetterTemplateError,
  letterLanguage,
  mergeLetter,
  registrationUrl,
  suggestAddress,
  templateProblems,
} from './letter-template.ts';
import { lettersCsv } from './letters-csv.ts';
import { foldForStandardFont, lettersPdf, lettersPdfBytes, systemFontAvailable } from './letters-pdf.ts';

const columns = ['namn', 'adress', 'postnummer', 'ort', 'kommun'];
const template: LetterTemplate = {
  subject: 'Inbjudan till Klimatrådet',
  address: '{{namn}}\n{{ adress }}\n{{postnummer}} {{ort}}',
  body: 'Hej {{namn}}!\n\nDu bor i {{kommun}}. Din kod är {{invite_code}}, och du anmäler dig på {{registration_url}}.',
  signature: 'Med vänliga hälsningar\nÅsa Åkesson',
};
const recipients = [
  {
    fields: {
      namn: 'Åsa Öberg',
      adress: 'Storgatan 1; lgh 1102',
      postnummer: '411 01',
      ort: 'Göteborg',
      kommun: 'Göteborg',
    },
    code: 'ACDEF-GHJK3',
    language: 'sv' as const,
  },
  {
    fields: { namn: 'Märta Ärlig', adress: '', postnummer: '431 30', ort: 'Mölndal', kommun: 'Mölndal' },
    code: 'ACDEF-GHJK4',
    language: 'en' as const,
  },
  {
    fields: {
      namn: 'Łukasz Şahin',
      adress: 'Väg 2',
      postnummer: '433 30',
      ort: 'Partille',
      kommun: 'Partille',
    },
    code: 'ACDEF-GHJK6',
    language: 'sv' as const,
  },
];
const pdfOptions = {
  templates: { sv: template, en: { ...template, subject: 'Invitation to the climate assembly' } },
  columns,
  registrationBase: 'https://lotta.example.se/',
  sender: { sv: 'Klimatrådet', en: 'The climate assembly' },
  date: new Date('2026-03-14T09:00:00Z'),
};

describe('letter templates', () => {
  test('placeholders are filled from the register row, the code and the registration address', () => {
    const letter = mergeLetter(template, columns, recipients[0], 'https://lotta.example.se');
    assert.deepEqual(letter.addressLines, ['Åsa Öberg', 'Storgatan 1; lgh 1102', '411 01 Göteborg']);
    assert.equal(
      letter.body,
      'Hej Åsa Öberg!\n\nDu bor i Göteborg. Din kod är ACDEF-GHJK3, och du anmäler dig på https://lotta.example.se/register?code=ACDEF-GHJK3.',
    );
    assert.equal(letter.url, 'https://lotta.example.se/register?code=ACDEF-GHJK3');
    assert.doesNotMatch(JSON.stringify(letter), /\{\{|\}\}/);
  });

  test('address lines that come out empty are left out', () => {
    const letter = mergeLetter(template, columns, recipients[1], 'https://lotta.example.se');
    assert.deepEqual(letter.addressLines, ['Märta Ärlig', '431 30 Mölndal']);
  });

  test('a placeholder that is not a column is a clear error naming it and the part', () => {
    const broken = { ...template, body: 'Hej {{förnamn}}!' };
    assert.throws(
      () => checkTemplate(broken, columns),
      (error: unknown) =>
        error instanceof LetterTemplateError &&
        error.part === 'body' &&
        error.placeholder === 'förnamn' &&
        /\{\{förnamn\}\}.*body.*not a column/.test(error.message),
    );
    assert.throws(() => mergeLetter(broken, columns, recipients[0], 'https://x.se'), LetterTemplateError);
    const unclosed = templateProblems({ ...template, subject: 'Hej {{namn' }, columns);
    assert.equal(unclosed.length, 1);
    assert.equal(unclosed[0].kind, 'unclosed');
    assert.equal(unclosed[0].part, 'subject');
  });

  test('case does not matter in a placeholder when it names one column', () => {
    assert.deepEqual(templateProblems({ ...template, body: '{{NAMN}} {{Kommun}}' }, columns), []);
    const bare = { subject: '', address: '', signature: '' };
    assert.deepEqual(templateProblems({ ...bare, body: '{{Namn}}' }, ['namn', 'Namn']), []);
    // Two columns differ only in case: which one is meant cannot be told.
    assert.equal(templateProblems({ ...bare, body: '{{NAMN}}' }, ['namn', 'Namn']).length, 1);
  });

  test('the address block is guessed from Swedish and English column names', () => {
    assert.equal(
      suggestAddress([
        'personnummer',
        'förnamn',
        'efternamn',
        'c/o',
        'utdelningsadress',
        'postnummer',
        'postort',
      ]),
      '{{förnamn}} {{efternamn}}\nc/o {{c/o}}\n{{utdelningsadress}}\n{{postnummer}} {{postort}}',
    );
    assert.equal(
      suggestAddress(['name', 'address', 'postcode', 'municipality', 'age']),
      '{{name}}\n{{address}}\n{{postcode}} {{municipality}}',
    );
    assert.equal(suggestAddress(['a', 'b']), '');
  });

  test("the letter's language follows the register's language column, else the fallback", () => {
    assert.equal(letterLanguage('sv', 'en'), 'sv');
    assert.equal(letterLanguage(' English ', 'sv'), 'en');
    assert.equal(letterLanguage('svenska', 'en'), 'sv');
    assert.equal(letterLanguage('en-GB', 'sv'), 'en');
    assert.equal(letterLanguage('arabiska', 'sv'), 'sv');
    assert.equal(letterLanguage(undefined, 'en'), 'en');
  });

  test('the registration address carries the code, escaped', () => {
    assert.equal(registrationUrl('https://a.se/lotta/', 'AB CD'), 'https://a.se/lotta/register?code=AB%20CD');
  });
});

describe('letters for a print house (CSV)', () => {
  test('every register column, the code, the registration address and the language; BOM and quoting', () => {
    const csv = lettersCsv(columns, recipients, 'https://lotta.example.se', englishCsv);
    assert.ok(
      csv.startsWith(
        '\uFEFFnamn,adress,postnummer,ort,kommun,invite_code,registration_url,letter_language\r\n',
      ),
    );
    const lines = csv.slice(1).trimEnd().split('\r\n');
    assert.equal(lines.length, 4);
    assert.equal(
      lines[1],
      'Åsa Öberg,"Storgatan 1; lgh 1102",411 01,Göteborg,Göteborg,ACDEF-GHJK3,https://lotta.example.se/register?code=ACDEF-GHJK3,sv',
    );
    assert.match(lines[2], /^Märta Ärlig,,431 30,Mölndal,Mölndal,ACDEF-GHJK4,/);
    assert.ok(csv.endsWith('\r\n'));
  });
});

describe('letters for a print house: cells that look like formulas', () => {
  test('a register cell such as =cmd|… is written as text, in either dialect', () => {
    const hostile = [
      {
        fields: {
          namn: "=cmd|' /C calc'!A0",
          adress: '@SUM(1)',
          postnummer: '-411 01',
          ort: '+x',
          kommun: 'Lund',
        },
        code: 'ACDEF-GHJK3',
        language: 'sv' as const,
      },
    ];
    for (const dialect of [englishCsv, swedishCsv]) {
      const line = lettersCsv(columns, hostile, 'https://lotta.example.se', dialect).split('\r\n')[1];
      const cells = line.split(dialect.delimiter);
      assert.deepEqual(cells.slice(0, 5), ["'=cmd|' /C calc'!A0", "'@SUM(1)", "'-411 01", "'+x", 'Lund']);
    }
  });

  test('Swedish letters use semicolons, English commas', () => {
    assert.ok(lettersCsv(columns, recipients, 'https://l.se', swedishCsv).startsWith('\uFEFFnamn;adress;'));
    assert.ok(lettersCsv(columns, recipients, 'https://l.se', englishCsv).startsWith('\uFEFFnamn,adress,'));
  });
});

describe('letters as a PDF', () => {
  test('one A4 page per letter with the address, the text, the code and the address to type', async () => {
    const bytes = await lettersPdfBytes(recipients, { ...pdfOptions, compress: false });
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    const raw = bytes.toString('latin1');
    assert.equal((raw.match(/\/Type \/Page\b(?!s)/g) ?? []).length, 3);
    assert.match(raw, /\/MediaBox \[0 0 595\.28 841\.89\]/);
    const { pages, pageTexts } = pdfText(bytes);
    assert.equal(pages, 3);
    const first = pageTexts[0];
    for (const expected of [
      'Klimatrådet',
      '14 mars 2026',
      'Åsa Öberg',
      '411 01 Göteborg',
      'Inbjudan till Klimatrådet',
    ]) {
      assert.ok(first.includes(expected), `page 1 shows ${expected}`);
    }
    assert.ok(first.includes('ACDEF-GHJK3'));
    assert.ok(first.includes('https://lotta.example.se/register'));
    assert.ok(first.includes('Din personliga inbjudningskod'));
    assert.match(first, /Med vänliga hälsningar\nÅsa Åkesson/);
    // The second letter is in English: its own subject, labels and date.
    assert.ok(pageTexts[1].includes('Invitation to the climate assembly'));
    assert.ok(pageTexts[1].includes('Your personal invite code'));
    assert.ok(pageTexts[1].includes('14 March 2026'));
    assert.ok(pageTexts[1].includes('ACDEF-GHJK4'));
    assert.ok(!pageTexts[0].includes('ACDEF-GHJK4'), 'each page has its own code only');
  });

  test("the QR code encodes the registration address with the letter's code", async () => {
    const bytes = await lettersPdfBytes(recipients.slice(0, 1), { ...pdfOptions, compress: false });
    const raw = bytes.toString('latin1');
    const qr = QRCode.create('https://lotta.example.se/register?code=ACDEF-GHJK3', {
      errorCorrectionLevel: 'M',
    });
    let dark = 0;
    const n = qr.modules.size;
    // One rectangle per run of dark modules in a row.
    for (let r = 0; r < n; r++)
      for (let col = 0; col < n; col++)
        if (qr.modules.data[r * n + col] && (col === 0 || !qr.modules.data[r * n + col - 1])) dark++;
    const rects = (raw.match(/ re\n/g) ?? []).length;
    // The code box's frame is the only other rectangle.
    assert.equal(rects, dark + 1);
  });

  test('Helvetica shows å, ä and ö and writes other letters without their accents', async () => {
    assert.deepEqual(foldForStandardFont('Åsa Öberg, Märta'), { text: 'Åsa Öberg, Märta', changed: false });
    assert.deepEqual(foldForStandardFont('Łukasz Şahin Nguyễn'), {
      text: 'Lukasz Sahin Nguyen',
      changed: true,
    });
    const bytes = await lettersPdfBytes(recipients, { ...pdfOptions, font: 'standard', compress: false });
    const { pageTexts } = pdfText(bytes);
    assert.ok(pageTexts[0].includes('Åsa Öberg'));
    assert.ok(pageTexts[2].includes('Lukasz Sahin'));
    assert.match(bytes.toString('latin1'), /\/BaseFont \/Helvetica/);
  });

  test('with DejaVu Sans installed, names in any Latin script are printed as written', async (t) => {
    if (!systemFontAvailable()) {
      // Debian's fonts-dejavu-core comes with Chromium (through fontconfig), which the browser tests need.
      assert.fail('DejaVu Sans is not installed: apt-get install fonts-dejavu-core');
    }
    const bytes = await lettersPdfBytes(recipients, { ...pdfOptions, compress: true });
    const { pages, pageTexts } = pdfText(bytes);
    assert.equal(pages, 3);
    assert.ok(pageTexts[2].includes('Łukasz Şahin'));
    assert.ok(pageTexts[0].includes('Åsa Öberg'));
    assert.ok(pageTexts[0].includes('ACDEF-GHJK3'));
    assert.match(bytes.toString('latin1'), /DejaVuSans/);
    t.diagnostic(`${bytes.length} bytes for 3 letters`);
  });

  test('an unknown placeholder is refused before any page is written', () => {
    assert.throws(
      () =>
        lettersPdf(recipients, {
          ...pdfOptions,
          templates: { sv: { ...template, address: '{{fornamn}}' }, en: template },
        }),
      /\{\{fornamn\}\}/,
    );
  });

  test('a long letter shrinks to stay on one page', async () => {
    const long = { ...template, body: `${'Ett långt stycke text om klimatet och rådet. '.repeat(60)}` };
    const bytes = await lettersPdfBytes(recipients, {
      ...pdfOptions,
      templates: { sv: long, en: long },
      compress: false,
    });
    assert.equal(pdfText(bytes).pages, 3);
  });
});
