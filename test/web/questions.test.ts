import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listQuestions } from '../../src/repositories/assemblies.ts';
import {
  adminEmail,
  createTestAssembly,
  genderQuestion,
  startTestApp,
  type TestApp,
  TestClient,
} from '../support/web.ts';

/** The value an input of the page holds, or null when there is no such input. */
function input(html: string, name: string): string | null {
  const escaped = name.replace(/\./g, '\\.');
  const m = new RegExp(`<input id="${escaped}" name="${escaped}" type="text" value="([^"]*)"`).exec(html);
  return m ? m[1] : null;
}

function hidden(html: string, name: string): string | null {
  return (
    new RegExp(`<input type="hidden" name="${name.replace(/\./g, '\\.')}" value="([^"]*)"`).exec(html)?.[1] ??
    null
  );
}

async function stored(t: TestApp, assemblyId: string) {
  return (await listQuestions(t.database.db, assemblyId)).map((q) => ({
    key: q.key,
    label: q.label,
    options: q.options,
  }));
}

describe('the question editor', () => {
  let t: TestApp;
  let admin: TestClient;
  let assemblyId: string;
  let page: string;

  before(async () => {
    t = await startTestApp();
    assemblyId = await createTestAssembly(t, { questions: [genderQuestion] });
    page = `/a/${assemblyId}/questions`;
    admin = new TestClient(t.app);
    assert.equal((await admin.logIn(adminEmail)).status, 303);
  });
  after(() => t.close());

  test('each option has its own field for the value and each language; saved questions show that way', async () => {
    const reply = await admin.get(page);
    assert.equal(reply.status, 200);
    assert.ok(!reply.text.includes('name="q0.options"'), 'no "value | sv | en" lines any more');
    assert.deepEqual(
      [0, 1].map((j) => ['value', 'sv', 'en'].map((part) => input(reply.text, `q0.o${j}.${part}`))),
      [
        ['woman', 'Kvinna', 'Woman'],
        ['man', 'Man', 'Man'],
      ],
    );
    // Blank rows to type more options, and a blank question with rows of its own.
    assert.equal(input(reply.text, 'q0.o2.value'), '');
    assert.equal(input(reply.text, 'q0.o3.value'), '');
    assert.equal(input(reply.text, 'q0.o4.value'), null);
    assert.equal(input(reply.text, 'q1.key'), '');
    assert.equal(input(reply.text, 'q1.o2.en'), '');
    assert.match(reply.text, /<label for="q0\.o1\.sv">Option 2 in Swedish<\/label>/);
    assert.match(reply.text, /Add another option to question 1/);
  });

  test('saving keeps the stored format: value and labels per language, blank rows left out', async () => {
    const reply = await admin.post(page, {
      count: '2',
      'q0.rows': '4',
      'q0.key': 'gender',
      'q0.label_sv': 'Kön',
      'q0.label_en': 'Gender',
      'q0.o0.value': 'woman',
      'q0.o0.sv': 'Kvinna',
      'q0.o0.en': 'Woman',
      'q0.o1.value': '',
      'q0.o1.sv': '',
      'q0.o1.en': '',
      'q0.o2.value': 'man',
      'q0.o2.sv': 'Man',
      'q0.o2.en': 'Man',
      'q0.o3.value': 'non_binary',
      'q0.o3.sv': 'Icke-binär',
      'q0.o3.en': '',
      'q1.rows': '3',
      'q1.key': 'age',
      'q1.label_sv': 'Ålder',
      'q1.label_en': '',
      'q1.o0.value': '16-39',
      'q1.o0.sv': '16–39 år',
      'q1.o0.en': '16–39 years',
      'q1.o1.value': '40+',
      'q1.o1.sv': '',
      'q1.o1.en': '',
    });
    assert.equal(reply.status, 200);
    assert.match(reply.text, /The questions were saved\./);
    assert.deepEqual(await stored(t, assemblyId), [
      {
        key: 'gender',
        label: { sv: 'Kön', en: 'Gender' },
        options: [
          { value: 'woman', label: { sv: 'Kvinna', en: 'Woman' } },
          { value: 'man', label: { sv: 'Man', en: 'Man' } },
          // A missing English text falls back to the Swedish one, as before.
          { value: 'non_binary', label: { sv: 'Icke-binär', en: 'Icke-binär' } },
        ],
      },
      {
        key: 'age',
        label: { sv: 'Ålder', en: 'Ålder' },
        options: [
          { value: '16-39', label: { sv: '16–39 år', en: '16–39 years' } },
          { value: '40+', label: { sv: '40+', en: '40+' } },
        ],
      },
    ]);
    assert.equal(input(reply.text, 'q0.o2.value'), 'non_binary');
  });

  test('“add another option” and “remove” change the rows, keep everything typed and save nothing', async () => {
    const before = await stored(t, assemblyId);
    const typed = {
      count: '1',
      'q0.rows': '2',
      'q0.key': 'region',
      'q0.label_sv': 'Område',
      'q0.label_en': 'Area',
      'q0.o0.value': 'north',
      'q0.o0.sv': 'Norr',
      'q0.o0.en': 'North',
      'q0.o1.value': 'south',
      'q0.o1.sv': 'Söder',
      'q0.o1.en': 'South',
    };
    const added = await admin.post(page, { ...typed, add_option: '0' });
    assert.equal(added.status, 200);
    assert.equal(hidden(added.text, 'q0.rows'), '3');
    assert.equal(input(added.text, 'q0.o1.sv'), 'Söder');
    assert.equal(input(added.text, 'q0.o2.value'), '');
    assert.equal(input(added.text, 'q0.label_en'), 'Area');

    // Enter in a field submits through the form's first submit button: a plain save, not "remove option 1".
    const firstButton = /<form[^>]*\/questions"[^>]*>(?:(?!<button)[\s\S])*(<button[^>]*>)/.exec(
      added.text,
    )?.[1];
    assert.equal(firstButton, '<button type="submit" hidden="">');
    const removed = await admin.post(page, { ...typed, remove_option: '0.0' });
    assert.equal(removed.status, 200);
    assert.equal(hidden(removed.text, 'q0.rows'), '1');
    assert.deepEqual(
      ['value', 'sv', 'en'].map((part) => input(removed.text, `q0.o0.${part}`)),
      ['south', 'Söder', 'South'],
    );
    assert.equal(input(removed.text, 'q0.o1.value'), null);

    const question = await admin.post(page, { ...typed, add: '1' });
    assert.equal(hidden(question.text, 'count'), '2');
    assert.equal(input(question.text, 'q1.o2.value'), '');
    assert.equal(input(question.text, 'q0.o0.en'), 'North');

    assert.deepEqual(await stored(t, assemblyId), before);
  });

  test('problems are named at the field they are about, with everything typed kept', async () => {
    const before = await stored(t, assemblyId);
    const reply = await admin.post(page, {
      count: '3',
      'q0.rows': '3',
      'q0.key': 'gender',
      'q0.o0.value': 'woman',
      'q0.o0.sv': 'Kvinna',
      'q0.o1.value': '',
      'q0.o1.sv': 'Man',
      'q0.o1.en': 'Man',
      'q0.o2.value': 'woman',
      'q0.o2.sv': 'Kvinna igen',
      'q1.rows': '3',
      'q1.key': '',
      'q1.label_sv': 'Ålder',
      'q1.o0.value': 'young',
      'q2.rows': '2',
      'q2.key': 'region',
      'q2.o0.value': 'north',
      'q2.o1.value': 'south',
    });
    assert.equal(reply.status, 422);
    assert.match(reply.text, /id="q0\.o1\.value-error">Give this option a value/);
    assert.match(
      reply.text,
      /id="q0\.o2\.value-error">This value is already used by another option of question 1\./,
    );
    assert.match(reply.text, /id="q1\.key-error">Give question 2 a key\./);
    assert.match(reply.text, /id="q1\.o1\.value-error">Question 2 needs at least two answer options\./);
    assert.match(reply.text, /href="#q0\.o1\.value"/);
    assert.equal(input(reply.text, 'q0.o1.sv'), 'Man');
    assert.equal(input(reply.text, 'q0.o2.sv'), 'Kvinna igen');
    assert.equal(input(reply.text, 'q2.o1.value'), 'south');
    assert.deepEqual(await stored(t, assemblyId), before);

    // The command's checks land on the right block even when an empty block comes first.
    const bad = await admin.post(page, {
      count: '2',
      'q0.rows': '2',
      'q1.rows': '2',
      'q1.key': 'Age Group',
      'q1.o0.value': 'young',
      'q1.o1.value': 'old',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /id="q1\.key-error">“Age Group” cannot be a question key/);
    assert.deepEqual(await stored(t, assemblyId), before);
  });

  test('over-long keys, values and texts are refused at their field before anything is saved', async () => {
    const before = await stored(t, assemblyId);
    const reply = await admin.post(page, {
      count: '1',
      'q0.rows': '2',
      'q0.key': `k${'x'.repeat(40)}`,
      'q0.label_sv': 'Kön',
      'q0.o0.value': 'v'.repeat(101),
      'q0.o0.sv': 'Kvinna',
      'q0.o1.value': 'man',
      'q0.o1.en': 'M'.repeat(201),
    });
    assert.equal(reply.status, 422);
    assert.match(reply.text, /id="q0\.key-error">Shorten this to at most 40 characters\./);
    assert.match(reply.text, /id="q0\.o0\.value-error">Shorten this to at most 100 characters\./);
    assert.match(reply.text, /id="q0\.o1\.en-error">Shorten this to at most 200 characters\./);
    assert.equal(input(reply.text, 'q0.o0.sv'), 'Kvinna');
    assert.deepEqual(await stored(t, assemblyId), before);
  });

  test('control characters in labels and option values are refused at their field', async () => {
    const before = await stored(t, assemblyId);
    await admin.get(page);
    const reply = await admin.post(page, {
      count: '1',
      'q0.rows': '2',
      'q0.key': 'gender',
      'q0.label_sv': 'K\u0000ön',
      'q0.label_en': 'Gen\u202eder',
      'q0.o0.value': 'wo\u0001man',
      'q0.o0.sv': 'Kvinna',
      'q0.o1.value': 'man',
      'q0.o1.en': 'M\u001ban',
    });
    assert.equal(reply.status, 422);
    for (const field of ['q0.label_sv', 'q0.o0.value', 'q0.o1.en'])
      assert.match(
        reply.text,
        new RegExp(`id="${field.replace(/\./g, '\\.')}-error">Remove the invisible control character`),
        field,
      );
    assert.equal(input(reply.text, 'q0.o0.sv'), 'Kvinna');
    assert.deepEqual(await stored(t, assemblyId), before);
  });

  test('names every object in the code already has are refused as keys and option values', async () => {
    // A value like "constructor" would be read as a built-in of the counting tables: the people page
    // showed "function Object() { [native code] }" as the number of people who gave it.
    const before = await stored(t, assemblyId);
    await admin.get(page);
    const reply = await admin.post(page, {
      count: '2',
      'q0.rows': '3',
      'q0.key': 'gender',
      'q0.o0.value': 'constructor',
      'q0.o1.value': '__proto__',
      'q0.o2.value': 'woman',
      'q1.rows': '2',
      'q1.key': 'tostring',
      'q1.o0.value': 'a',
      'q1.o1.value': 'b',
    });
    assert.equal(reply.status, 422);
    assert.match(reply.text, /id="q0\.o0\.value-error">“constructor” is a name Lotta reserves/);
    assert.match(reply.text, /id="q0\.o1\.value-error">“__proto__” is a name Lotta reserves/);
    assert.deepEqual(await stored(t, assemblyId), before);
    await admin.get(page);
    const key = await admin.post(page, {
      count: '1',
      'q0.rows': '2',
      'q0.key': 'constructor',
      'q0.o0.value': 'a',
      'q0.o1.value': 'b',
    });
    assert.equal(key.status, 422);
    assert.match(key.text, /id="q0\.key-error">“constructor” is a name Lotta reserves/);
    assert.deepEqual(await stored(t, assemblyId), before);
  });

  test('the editor is in Swedish too', async () => {
    admin.lang = 'sv';
    const reply = await admin.get(`${page}?lang=sv`);
    admin.lang = 'en';
    assert.match(reply.text, /<label for="q0\.o0\.sv">Alternativ 1 på svenska<\/label>/);
    assert.match(reply.text, /Lägg till ett alternativ till fråga 1/);
    await admin.get(`${page}?lang=en`);
  });
});
