import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setPhase } from '../../src/commands/assemblies.ts';
import { createInvitations } from '../../src/commands/people.ts';
import { findAssembly } from '../../src/repositories/assemblies.ts';
import { toCount } from '../../src/repositories/executor.ts';
import {
  adminEmail,
  createTestAssembly,
  genderQuestion,
  startTestApp,
  type TestApp,
  TestClient,
} from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let slug: string;
let codes: string[];

async function openAssembly(app: TestApp, title: string, open = true) {
  const id = await createTestAssembly(app, {
    title,
    questions: [
      genderQuestion,
      {
        key: 'age',
        label: { sv: 'Ålder', en: 'Age' },
        options: [
          { value: '16-39', label: { sv: '16–39 år', en: '16–39 years' } },
          { value: '40+', label: { sv: '40 år eller äldre', en: '40 or older' } },
        ],
      },
    ],
  });
  await setPhase(app.database, app.adminActor, id, 'recruitment', open);
  const assembly = (await findAssembly(app.database.db, id))!;
  return { id, slug: assembly.slug, codes: await createInvitations(app.database, app.adminActor, id, 10) };
}

before(async () => {
  t = await startTestApp();
  ({ id: assemblyId, slug, codes } = await openAssembly(t, 'Klimatrådet i Åre'));
});
after(() => t.close());

/** A client whose browser asks for no language we have, so the default shows. */
function browser(app = t): TestClient {
  const client = new TestClient(app.app);
  (client as unknown as { lang: string }).lang = 'fi';
  return client;
}

function formTimeOf(html: string): string {
  const match = /name="form_time" value="([^"]+)"/.exec(html);
  assert.ok(match, 'the form carries its timing token');
  return match[1];
}

function complete(code: string): Record<string, string | string[]> {
  return {
    code,
    answer_gender: 'woman',
    answer_age: 'prefer_not_to_say',
    full_name: 'Åsa Öberg',
    email: 'asa@example.se',
    phone: '070-123 45 67',
    address: 'Storgatan 1',
    postcode: '837 52',
    city: 'Åre',
    preferred_language: 'en',
    needs: ['diet', 'hearing_loop'],
    needs_details: 'Glutenfri kost, tack.',
    consent_participation: 'on',
    consent_data_processing: 'on',
    consent_future_contact: 'on',
    website: '',
  };
}

async function sendForm(client: TestClient, fields: Record<string, string | string[]>, to = slug) {
  const page = await client.get(`/register/${to}?code=${encodeURIComponent(String(fields.code ?? ''))}`);
  assert.equal(page.status, 200);
  return client.post(`/register/${to}`, { form_time: formTimeOf(page.text), ...fields });
}

async function count(app: TestApp, table: 'people' | 'person_contacts' | 'consents'): Promise<number> {
  const row = await app.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return toCount(row.n as string | number);
}

test('the sign-up is in Swedish by default and the code leads to the assembly form', async () => {
  const client = browser();
  const start = await client.get('/register');
  assert.equal(start.status, 200);
  assert.match(start.text, /<html lang="sv">/);
  assert.match(start.text, /Inbjudningskod/);
  // Case, spaces and the dash do not matter.
  const typed = ` ${codes[0].replace('-', ' ').toLowerCase()} `;
  const reply = await client.post('/register', { code: typed });
  assert.equal(reply.status, 303);
  assert.equal(reply.location, `/register/${slug}?code=${encodeURIComponent(codes[0])}`);

  const form = await client.get(reply.location!);
  assert.match(form.text, /Klimatrådet i Åre/);
  assert.match(form.text, /Hur ska kommunen minska utsläppen\?/);
  assert.match(form.text, /<legend>Kön<\/legend>/);
  assert.match(form.text, /<label for="answer_age-prefer_not_to_say">Vill inte svara<\/label>/);
  assert.match(form.text, /Teckenspråkstolkning/);
  assert.match(form.text, /Jag vill delta i medborgarrådet om jag lottas fram/);
  assert.match(form.text, new RegExp(`id="code" name="code" type="text" value="${codes[0]}"`));
  assert.match(form.text, /class="honeypot" aria-hidden="true"/);
  assert.match(form.text, /tabindex="-1"/);
});

test('a wrong code is refused next to the field, keeping what was typed', async () => {
  const client = browser();
  await client.get('/register');
  for (const [typed, message] of [
    ['hej', /Det här är ingen inbjudningskod/],
    ['ACDEF-GHJK3', /Vi hittar inte den här inbjudningskoden/],
  ] as const) {
    const reply = await client.post('/register', { code: typed });
    assert.equal(reply.status, 422);
    assert.match(reply.text, /<p class="field-error" id="code-error">[^<]*/);
    assert.match(reply.text, message);
    assert.match(reply.text, new RegExp(`value="${typed}"`));
    assert.match(reply.text, /href="#code"/);
  }
});

test('a registration stores contacts, answers, needs and consents apart, and thanks in the chosen language', async () => {
  const client = browser();
  const reply = await sendForm(client, complete(codes[1]));
  assert.equal(reply.status, 200);
  assert.match(reply.text, /<html lang="en">/);
  assert.match(reply.text, /Thank you for signing up!/);
  assert.match(reply.text, /What happens next/);
  const reference = /<code class="secret">(P-\d{5})<\/code>/.exec(reply.text)?.[1];
  assert.ok(reference);

  const db = t.database.db;
  const person = await db
    .selectFrom('people')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  assert.equal(person.source, 'registration');
  assert.equal(person.status, 'registered');
  // The pseudonymous record holds no name.
  assert.ok(!JSON.stringify(person).includes('Öberg'));
  const contact = await db
    .selectFrom('person_contacts')
    .selectAll()
    .where('person_id', '=', person.id)
    .executeTakeFirstOrThrow();
  assert.equal(contact.full_name, 'Åsa Öberg');
  assert.equal(contact.email, 'asa@example.se');
  assert.equal(contact.city, 'Åre');
  assert.equal(contact.preferred_language, 'en');
  const answers = await db
    .selectFrom('person_answers')
    .select(['question_key', 'value'])
    .where('person_id', '=', person.id)
    .orderBy('question_key')
    .execute();
  assert.deepEqual(answers, [
    { question_key: 'age', value: 'prefer_not_to_say' },
    { question_key: 'gender', value: 'woman' },
  ]);
  const needs = await db
    .selectFrom('person_needs')
    .selectAll()
    .where('person_id', '=', person.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(JSON.parse(needs.needs), ['diet', 'hearing_loop']);
  assert.equal(needs.details, 'Glutenfri kost, tack.');
  const consents = await db
    .selectFrom('consents')
    .selectAll()
    .where('person_id', '=', person.id)
    .orderBy('kind')
    .execute();
  assert.deepEqual(
    consents.map((c) => c.kind),
    ['data_processing', 'future_contact', 'participation'],
  );
  for (const consent of consents) {
    assert.ok(!Number.isNaN(Date.parse(consent.given_at)));
    assert.equal(consent.withdrawn_at, null);
  }
  const history = await db
    .selectFrom('status_history')
    .selectAll()
    .where('person_id', '=', person.id)
    .execute();
  assert.equal(history.length, 1);
  assert.equal(history[0].to_status, 'registered');
  assert.equal(history[0].changed_by, 'self');
  const invitation = await db
    .selectFrom('invitations')
    .selectAll()
    .where('code', '=', codes[1])
    .executeTakeFirstOrThrow();
  assert.ok(invitation.used_at);
});

test('a code signs up only once', async () => {
  const client = browser();
  assert.equal((await sendForm(client, complete(codes[2]))).status, 200);
  const people = await count(t, 'people');
  const second = await sendForm(browser(), { ...complete(codes[2]), full_name: 'Någon Annan' });
  assert.equal(second.status, 422);
  assert.match(
    second.text,
    /Den här koden har redan använts för att anmäla sig. Om det inte var du, kontakta arrangörerna./,
  );
  assert.match(second.text, /id="code-error"/);
  assert.match(second.text, /value="Någon Annan"/);
  assert.equal(await count(t, 'people'), people);
  const used = await t.database.db
    .selectFrom('people')
    .innerJoin('invitations', 'invitations.id', 'people.invitation_id')
    .select('people.id')
    .where('invitations.code', '=', codes[2])
    .execute();
  assert.equal(used.length, 1);
  // The first step says so too.
  const again = await client.post('/register', { code: codes[2] });
  assert.equal(again.status, 422);
  assert.match(again.text, /redan använts/);
});

test('a filled-in honeypot is refused and nothing is written', async () => {
  const client = browser();
  const people = await count(t, 'people');
  const reply = await sendForm(client, { ...complete(codes[3]), website: 'http://spam.example' });
  assert.equal(reply.status, 422);
  assert.match(reply.text, /Formuläret kunde inte skickas/);
  assert.doesNotMatch(reply.text, /spam\.example/);
  assert.equal(await count(t, 'people'), people);
  const invitation = await t.database.db
    .selectFrom('invitations')
    .select('used_at')
    .where('code', '=', codes[3])
    .executeTakeFirstOrThrow();
  assert.equal(invitation.used_at, null);
});

test('missing answers are shown next to each field, and everything typed is kept', async () => {
  const client = browser();
  const people = await count(t, 'people');
  const reply = await sendForm(client, {
    code: codes[4],
    answer_gender: 'man',
    full_name: 'Örjan Ängström',
    address: 'Hälsingegatan 4',
    city: 'Östersund',
    preferred_language: 'sv',
    needs: ['mobility', 'digital_support'],
    needs_details: 'Rullstol',
    consent_publish_name: 'on',
    website: '',
  });
  assert.equal(reply.status, 422);
  assert.equal(await count(t, 'people'), people);
  const text = reply.text;
  // The summary links to each field, in the order of the form.
  const links = [...text.matchAll(/<li><a href="#([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual(links, ['answer_age', 'email', 'consent_participation', 'consent_data_processing']);
  // Each entry names its field, a question by its text; the summary takes the focus, without script.
  assert.match(text, /<a href="#answer_age"><span class="summary-field">Ålder<\/span>: Välj ett svar/);
  assert.match(text, /<a href="#email"><span class="summary-field">E-post<\/span>: /);
  assert.match(
    text,
    /<div class="error-summary" role="alert" tabindex="-1" id="error-summary" autofocus="">/,
  );
  // Each message sits next to its field.
  assert.match(
    text,
    /<p class="field-error" id="answer_age-error">Välj ett svar. ”Vill inte svara” är också ett svar.<\/p>/,
  );
  assert.match(text, /<p class="field-error" id="email-error">Skriv en e-postadress eller ett telefonnummer/);
  assert.match(
    text,
    /<p class="field-error" id="consent_participation-error">Du behöver kryssa i den här rutan/,
  );
  assert.match(text, /aria-describedby="email-error"/);
  // Typed text, radio buttons and checkboxes come back as they were.
  assert.match(text, /value="Örjan Ängström"/);
  assert.match(text, /value="Hälsingegatan 4"/);
  assert.match(text, /value="Östersund"/);
  assert.match(text, />Rullstol<\/textarea>/);
  assert.match(text, /id="answer_gender-man" name="answer_gender" value="man" checked=""/);
  assert.match(text, /id="answer_gender-woman" name="answer_gender" value="woman"\/?>/);
  assert.match(text, /id="needs-mobility" name="needs" value="mobility" checked=""/);
  assert.match(text, /id="needs-digital_support" name="needs" value="digital_support" checked=""/);
  assert.match(text, /id="needs-diet" name="needs" value="diet"\/?>/);
  assert.match(text, /id="consent_publish_name" name="consent_publish_name" value="on" checked=""/);
  assert.match(
    text,
    /id="consent_participation" name="consent_participation" value="on" aria-invalid="true"/,
  );
  assert.match(text, /id="preferred_language-sv" name="preferred_language" value="sv" checked=""/);

  // A wrong e-mail address is named as such.
  const wrong = await sendForm(client, { ...complete(codes[4]), email: 'asa.example.se' });
  assert.match(
    wrong.text,
    /<p class="field-error" id="email-error">Skriv en e-postadress som namn@exempel.se.<\/p>/,
  );
});

test('registration closed: a friendly page, and nothing is taken', async () => {
  const closed = await openAssembly(t, 'Stängda rådet', false);
  const client = browser();
  const page = await client.get(`/register/${closed.slug}?code=${closed.codes[0]}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Anmälan är stängd/);
  assert.doesNotMatch(page.text, /name="full_name"/);
  const people = await count(t, 'people');
  await client.get('/register');
  const reply = await client.post(`/register/${closed.slug}`, {
    ...complete(closed.codes[0]),
    form_time: '',
  });
  assert.equal(reply.status, 409);
  assert.match(reply.text, /Anmälan är stängd/);
  assert.equal(await count(t, 'people'), people);
  assert.equal((await client.get('/register/no-such-assembly')).status, 404);
});

test('a form sent faster than a person can fill it in is refused, keeping what was typed', async () => {
  const slow = await startTestApp({ minimumFormMillis: 60_000 });
  try {
    const other = await openAssembly(slow, 'Långsamma rådet');
    const client = browser(slow);
    const reply = await sendForm(client, complete(other.codes[0]), other.slug);
    assert.equal(reply.status, 422);
    assert.match(reply.text, /Vänta en liten stund och skicka igen/);
    assert.match(reply.text, /value="Åsa Öberg"/);
    assert.match(reply.text, /id="needs-diet" name="needs" value="diet" checked=""/);
    // Without the token, or with a forged one, the same.
    const forged = await client.post(`/register/${other.slug}`, {
      ...complete(other.codes[0]),
      form_time: '1.abc',
    });
    assert.equal(forged.status, 422);
    assert.match(forged.text, /Vänta en liten stund/);
    assert.equal(await count(slow, 'people'), 0);
  } finally {
    await slow.close();
  }
});

test('fields over their limits or with control characters are refused next to the field', async () => {
  // An app of its own, so that these attempts do not count against the other tests' address.
  const own = await startTestApp();
  try {
    const other = await openAssembly(own, 'Gränsrådet');
    const client = browser(own);
    const nul = await sendForm(
      client,
      { ...complete(other.codes[0]), full_name: 'Åsa\u0000Öberg' },
      other.slug,
    );
    assert.equal(nul.status, 422);
    assert.match(nul.text, /<p class="field-error" id="full_name-error">Ta bort det osynliga styrtecknet/);
    const long = await sendForm(
      client,
      { ...complete(other.codes[0]), address: 'Storgatan '.repeat(30), needs_details: 'Rad ett\nRad två' },
      other.slug,
    );
    assert.equal(long.status, 422);
    assert.match(long.text, /<p class="field-error" id="address-error">Korta ner till högst 200 tecken/);
    assert.doesNotMatch(long.text, /id="needs_details-error"/, 'line breaks belong in free text');
    assert.equal(await count(own, 'people'), 0);
  } finally {
    await own.close();
  }
});

test('too many attempts from one address are refused for a while', async () => {
  const busy = await startTestApp();
  try {
    const client = browser(busy);
    await client.get('/register');
    for (let i = 0; i < 20; i++) {
      assert.equal((await client.post('/register', { code: 'ACDEF-GHJK3' })).status, 422);
    }
    const refused = await client.post('/register', { code: 'ACDEF-GHJK3' });
    assert.equal(refused.status, 429);
    assert.match(refused.text, /För många försök/);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
  } finally {
    await busy.close();
  }
});

test('a sign-up refused for too many attempts from the address keeps everything typed', async () => {
  // Many people can share one address (a library, a phone company's network): the person who sends
  // the form after the limit is reached must not lose what they typed.
  const busy = await startTestApp();
  try {
    const other = await openAssembly(busy, 'Delad adress');
    const neighbour = browser(busy);
    await neighbour.get('/register');
    for (let i = 0; i < 20; i++) await neighbour.post('/register', { code: 'ACDEF-GHJK3' });
    const client = browser(busy);
    const page = await client.get(`/register/${other.slug}?code=${encodeURIComponent(other.codes[0])}`);
    const refused = await client.post(`/register/${other.slug}`, {
      form_time: formTimeOf(page.text),
      ...complete(other.codes[0]),
    });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.match(refused.text, /för många försök från din anslutning/);
    assert.match(refused.text, /value="Åsa Öberg"/);
    assert.match(refused.text, /value="Storgatan 1"/);
    assert.match(refused.text, /Glutenfri kost, tack\.<\/textarea>/);
    assert.equal(await count(busy, 'people'), 0);
  } finally {
    await busy.close();
  }
});

test('a new assembly’s sign-up form carries the standard privacy notice before the send button', async () => {
  const client = browser();
  const form = await client.get(`/register/${slug}?code=${encodeURIComponent(codes[5])}`);
  assert.equal(form.status, 200);
  const notice = form.text.indexOf('Så hanterar vi dina personuppgifter');
  assert.ok(notice > 0, 'the notice is on the form');
  assert.ok(notice < form.text.indexOf('Skicka min anmälan'), 'before the send button');
  for (const part of [
    /Vem som ansvarar \(personuppgiftsansvarig\)/,
    /<dt>Organisation<\/dt><dd>Kommunen<\/dd>/,
    /Varför vi samlar in uppgifterna \(ändamål\)/,
    /välja ut medlemmarna i Klimatrådet i Åre/,
    /Vad som ger oss rätt att göra det \(rättslig grund\)/,
    /GDPR artikel 6\.1 a/,
    /Vad vi sparar och hur länge/,
    /högst 12 månader/,
    /få en kopia av uppgifterna/,
    /få felaktiga uppgifter rättade/,
    /få dina uppgifter raderade/,
    /återkalla ditt samtycke/,
    /Integritetsskyddsmyndigheten \(IMY\)/,
    /<dt>Kontakt<\/dt><dd>Lotta<\/dd>/,
  ]) {
    assert.match(form.text, part);
  }
  const english = await client.get(`/register/${slug}?lang=en`);
  assert.match(english.text, /How we handle your personal data/);
  assert.match(english.text, /the Swedish Authority for Privacy Protection \(IMY\)/);
  assert.match(english.text, /draw the members of Klimatrådet i Åre \(en\) by lottery/);
});

test('organisers set the notice and contact; the form, thank-you page and a used code show them', async () => {
  const own = await startTestApp();
  try {
    const other = await openAssembly(own, 'Integritetsrådet');
    const admin = new TestClient(own.app);
    assert.equal((await admin.logIn(adminEmail)).status, 303);
    const edit = `/a/${other.id}/edit`;
    // Until a contact is given, the organisers are reminded on the overview.
    assert.match((await admin.get(`/a/${other.id}`)).text, /id="privacy-contact-missing"/);
    const settings = await admin.get(edit);
    assert.equal(settings.status, 200);
    assert.match(settings.text, /Privacy notice for volunteers/);
    // The standard texts are shown for each language, so organisers know what an empty field means.
    assert.match(
      settings.text,
      /Left empty, the notice says: “Att genom lottning välja ut medlemmarna i Integritetsrådet/,
    );
    const fields = {
      title_sv: 'Integritetsrådet',
      title_en: 'The Privacy Assembly',
      remit_sv: 'Hur ska kommunen minska utsläppen?',
      remit_en: '',
      commissioner: 'Kommunen',
      funding_source: 'Kommunen',
      coordinator: 'Lotta',
      panel_size: '20',
      languages: ['sv', 'en'],
      starts_on: '',
      ends_on: '2027-06-30',
      privacy_controller: 'Åre kommun',
      privacy_email: 'not an address',
      privacy_phone: '0647-161 00',
      privacy_address: 'Box 201\n830 05 Järpen',
      privacy_purpose_sv: 'Vi lottar fram rådets medlemmar.',
      privacy_retention_en: 'We erase names a year after the last meeting.',
    };
    const refused = await admin.post(edit, fields);
    assert.equal(refused.status, 422);
    assert.match(refused.text, /id="privacy_email-error"/);
    assert.match(refused.text, /value="Åre kommun"/);
    assert.match(refused.text, /Vi lottar fram rådets medlemmar\.<\/textarea>/);
    const saved = await admin.post(edit, { ...fields, privacy_email: 'medborgarrad@are.se' });
    assert.equal(saved.status, 303);
    assert.doesNotMatch((await admin.get(`/a/${other.id}`)).text, /id="privacy-contact-missing"/);
    // Saved as given, and shown again on the settings.
    const reread = await admin.get(edit);
    assert.match(reread.text, /value="medborgarrad@are.se"/);
    assert.match(reread.text, /Vi lottar fram rådets medlemmar\.<\/textarea>/);

    const client = browser(own);
    const form = await client.get(`/register/${other.slug}`);
    assert.match(form.text, /<dt>Organisation<\/dt><dd>Åre kommun<\/dd>/);
    assert.match(form.text, /href="mailto:medborgarrad@are.se"/);
    assert.match(form.text, /href="tel:0647161100"|href="tel:064716100"/);
    assert.match(form.text, /Box 201<br\/?>830 05 Järpen/);
    assert.match(form.text, /<p>Vi lottar fram rådets medlemmar\.<\/p>/);
    // What is left empty is the standard text, with the end date filled in.
    assert.match(form.text, /tills medborgarrådet är avslutat \(30 juni 2027\)/);
    const english = await client.get(`/register/${other.slug}?lang=en`);
    assert.match(english.text, /We erase names a year after the last meeting\./);
    assert.match(english.text, /draw the members of The Privacy Assembly by lottery/);

    const thanks = await sendForm(client, complete(other.codes[0]), other.slug);
    assert.equal(thanks.status, 200);
    assert.match(thanks.text, /Thank you for signing up!/);
    assert.match(thanks.text, /How to reach the organisers/);
    assert.match(thanks.text, /href="mailto:medborgarrad@are.se"/);
    assert.match(thanks.text, /0647-161 00/);

    // A code already used: on the form and on the first step, with the contact.
    const again = await sendForm(
      browser(own),
      { ...complete(other.codes[0]), full_name: 'Någon Annan' },
      other.slug,
    );
    assert.equal(again.status, 422);
    assert.match(
      again.text,
      /id="code-error">Den här koden har redan använts för att anmäla sig\. Om det inte var du, kontakta arrangörerna: Åre kommun, medborgarrad@are\.se, 0647-161 00, Box 201, 830 05 Järpen\.</,
    );
    const first = browser(own);
    await first.get('/register');
    const step = await first.post('/register', { code: other.codes[0] });
    assert.equal(step.status, 422);
    assert.match(step.text, /kontakta arrangörerna: Åre kommun, medborgarrad@are\.se/);
    assert.match(step.text, /href="mailto:medborgarrad@are.se"/);

    // Registration closed: the page says how to reach the organisers too.
    await setPhase(own.database, own.adminActor, other.id, 'recruitment', false);
    const closed = await browser(own).get(`/register/${other.slug}`);
    assert.match(closed.text, /Anmälan är stängd/);
    assert.match(closed.text, /href="mailto:medborgarrad@are.se"/);
  } finally {
    await own.close();
  }
});
