/**
 * The store on both databases: the same migrations, commands and queries against a real SQLite file
 * and a real PostgreSQL server (started by the test runner; these tests fail when it is missing).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bootstrapAdministrator } from '../src/commands/accounts.ts';
import { configureQuestions, createAssembly, setPhase } from '../src/commands/assemblies.ts';
import { type Actor, CommandError, inTransaction } from '../src/commands/command.ts';
import { choosePointTolerance } from '../src/commands/deviation-trade-offs.ts';
import { changePersonStatus, createInvitations, erasePerson, exportPerson } from '../src/commands/people.ts';
import { registerVolunteer } from '../src/commands/register-volunteer.ts';
import { saveTargetSettings } from '../src/commands/targets.ts';
import { type Database, migrate } from '../src/db/connect.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { emptyTargets } from '../src/domain/targets.ts';
import { findAccountByEmail } from '../src/repositories/accounts.ts';
import { listAudit } from '../src/repositories/audit.ts';
import {
  countByAnswer,
  countByStatus,
  findAnswers,
  findContact,
  listPeople,
  statusHistory,
} from '../src/repositories/people.ts';
import { StoredDataError } from '../src/repositories/stored-json.ts';
import { findTargets } from '../src/repositories/targets.ts';
import { openTestDatabase } from './support/web.ts';

const questions = [
  {
    key: 'gender',
    label: { sv: 'Kön', en: 'Gender' },
    options: [
      { value: 'woman', label: { sv: 'Kvinna', en: 'Woman' } },
      { value: 'man', label: { sv: 'Man', en: 'Man' } },
    ],
  },
];

function registration(assemblyId: string, code: string, name: string, gender = 'woman') {
  return {
    assemblyId,
    code,
    answers: { gender },
    contact: {
      full_name: name,
      email: `${name.split(' ')[0].toLowerCase()}@example.se`,
      phone: '070-123 45 67',
      address: 'Storgatan 1',
      postcode: '111 22',
      city: 'Stockholm',
      preferred_language: 'sv',
    },
    needs: ['hearing_loop'],
    needsDetails: null,
    consents: ['participation', 'data_processing'],
  };
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`store on ${kind}`, () => {
    let database: Database;
    let dispose: () => Promise<void>;
    let dataDir: string;
    let admin: Actor;
    let assemblyId: string;
    let codes: string[];

    before(async () => {
      ({ database, dispose, dataDir } = await openTestDatabase(kind));
      await bootstrapAdministrator(database, {
        email: 'admin@store.test',
        password: 'a long enough password',
      });
      const account = (await findAccountByEmail(database.db, 'admin@store.test'))!;
      admin = { kind: 'staff', accountId: account.id, isAdmin: true };
      assemblyId = await createAssembly(database, admin, {
        title: { sv: 'Medborgarrådet i Göteborg', en: 'Gothenburg assembly' },
        remit: { sv: 'Hur ska staden bli grönare?' },
        commissioner: 'Göteborgs stad',
        fundingSource: 'Kommunen',
        coordinator: 'Digidem Lab',
        panelSize: 30,
        languages: ['sv', 'en'],
        startsOn: '2027-01-10',
        endsOn: '2027-03-10',
      });
      await configureQuestions(database, admin, assemblyId, questions);
      await setPhase(database, admin, assemblyId, 'recruitment', true);
      codes = await createInvitations(database, admin, assemblyId, 10);
    });
    after(() => dispose());

    test('migrating again changes nothing, and migrations are uniquely named and ordered', async () => {
      assert.deepEqual(await migrate(database), []);
      const names = migrations.map((m) => m.name);
      assert.deepEqual([...names].sort(), names);
      assert.equal(new Set(names).size, names.length);
    });

    test('a registration stores personal data apart from the answers, with consents and history', async () => {
      const { personId, reference } = await registerVolunteer(
        database,
        registration(assemblyId, codes[0], 'Åsa Öberg'),
      );
      assert.equal(reference, 'P-00001');
      assert.equal((await findContact(database.db, personId))?.full_name, 'Åsa Öberg');
      assert.deepEqual(await findAnswers(database.db, personId), { gender: 'woman' });
      const history = await statusHistory(database.db, personId);
      assert.deepEqual(
        history.map((h) => [h.from_status, h.to_status, h.changed_by]),
        [[null, 'registered', 'self']],
      );
    });

    test('an invite code admits one registration; the second is refused and writes nothing', async () => {
      await registerVolunteer(database, registration(assemblyId, codes[1], 'Erik Ström', 'man'));
      const before = await countByStatus(database.db, assemblyId);
      await assert.rejects(
        registerVolunteer(database, registration(assemblyId, codes[1], 'Someone Else')),
        (e: unknown) => e instanceof CommandError && e.code === 'invite_code_used',
      );
      assert.deepEqual(await countByStatus(database.db, assemblyId), before);
    });

    test('two registrations racing for one code: exactly one wins', async () => {
      // Both answer alike, so that the counts below do not depend on which of them wins.
      const results = await Promise.allSettled([
        registerVolunteer(database, registration(assemblyId, codes[2], 'Anna Racer')),
        registerVolunteer(database, registration(assemblyId, codes[2], 'Bea Racer')),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const { items } = await listPeople(database.db, {
        assemblyId,
        search: 'racer',
        searchContacts: true,
        limit: 10,
        offset: 0,
      });
      assert.equal(items.length, 1);
    });

    test('people registering at the same moment all get distinct references', async () => {
      const fresh = await createInvitations(database, admin, assemblyId, 5);
      const done = await Promise.all(
        fresh.map((code, i) =>
          registerVolunteer(database, registration(assemblyId, code, `Samtidig Nummer${i}`)),
        ),
      );
      assert.equal(new Set(done.map((d) => d.reference)).size, 5);
      const { total } = await listPeople(database.db, {
        assemblyId,
        search: 'samtidig',
        searchContacts: true,
        limit: 10,
        offset: 0,
      });
      assert.equal(total, 5);
    });

    test('counts are numbers on both databases', async () => {
      const byStatus = await countByStatus(database.db, assemblyId);
      assert.equal(typeof byStatus.registered, 'number');
      assert.equal(byStatus.registered, 8);
      const byAnswer = await countByAnswer(database.db, assemblyId);
      assert.deepEqual(byAnswer.gender, { woman: 7, man: 1 });
    });

    test('search folds Swedish letters and filters by answer', async () => {
      for (const typed of ['åsa', 'ÅSA', 'öberg']) {
        const { items, total } = await listPeople(database.db, {
          assemblyId,
          search: typed,
          searchContacts: true,
          limit: 10,
          offset: 0,
        });
        assert.equal(total, 1, typed);
        assert.equal(items[0].full_name, 'Åsa Öberg');
      }
      const men = await listPeople(database.db, {
        assemblyId,
        answer: { key: 'gender', value: 'man' },
        searchContacts: false,
        limit: 10,
        offset: 0,
      });
      assert.equal(men.total, 1);
      // Without the right to see contacts, a name does not find anyone.
      const hidden = await listPeople(database.db, {
        assemblyId,
        search: 'åsa',
        searchContacts: false,
        limit: 10,
        offset: 0,
      });
      assert.equal(hidden.total, 0);
    });

    test('a status change keeps history and audit in one transaction; an illegal move changes nothing', async () => {
      const { items } = await listPeople(database.db, {
        assemblyId,
        search: 'ström',
        searchContacts: true,
        limit: 1,
        offset: 0,
      });
      const id = items[0].id;
      await changePersonStatus(
        database,
        admin,
        'administrator',
        assemblyId,
        id,
        'selected',
        'Drawn in the lottery',
      );
      await assert.rejects(
        changePersonStatus(database, admin, 'caller', assemblyId, id, 'registered', null),
        (e: unknown) => e instanceof CommandError && e.code === 'status_move_not_allowed',
      );
      const history = await statusHistory(database.db, id);
      assert.deepEqual(
        history.map((h) => h.to_status),
        ['registered', 'selected'],
      );
      assert.equal(history[1].comment, 'Drawn in the lottery');
      const audit = await listAudit(database.db, { subjectId: id, limit: 10, offset: 0 });
      assert.deepEqual(
        audit.events.map((e) => e.action),
        ['person.status', 'person.register'],
      );
    });

    test('audit events come with their details decoded; a stored row that is no object fails loudly', async () => {
      await inTransaction(database, (_trx, audit) =>
        audit({
          actorId: 'system',
          action: 'test.details',
          subjectId: 'details-decoded',
          details: { rows: 3, changed: ['title'] },
        }),
      );
      const [event] = (await listAudit(database.db, { subjectId: 'details-decoded', limit: 1, offset: 0 }))
        .events;
      assert.deepEqual(event.details, { rows: 3, changed: ['title'] });
      await database.db
        .insertInto('audit_events')
        .values({
          at: new Date().toISOString(),
          actor_id: 'system',
          action: 'test.broken',
          subject_id: 'details-broken',
          details: '[1, 2',
        })
        .execute();
      try {
        await assert.rejects(
          listAudit(database.db, { subjectId: 'details-broken', limit: 1, offset: 0 }),
          StoredDataError,
        );
      } finally {
        await database.db.deleteFrom('audit_events').where('subject_id', '=', 'details-broken').execute();
      }
    });

    test('a failing command leaves neither its change nor its audit event', async () => {
      const before = (await listAudit(database.db, { limit: 1, offset: 0 })).total;
      await assert.rejects(
        inTransaction(database, async (trx, audit) => {
          await trx.insertInto('settings').values({ key: 'half-written', value: 'x' }).execute();
          await audit({ actorId: 'system', action: 'test.half' });
          throw new Error('boom');
        }),
      );
      assert.equal((await listAudit(database.db, { limit: 1, offset: 0 })).total, before);
      const row = await database.db
        .selectFrom('settings')
        .selectAll()
        .where('key', '=', 'half-written')
        .executeTakeFirst();
      assert.equal(row, undefined);
    });

    test('erasure removes personal data but keeps the pseudonymous record; export shows what is left', async () => {
      const { items } = await listPeople(database.db, {
        assemblyId,
        search: 'åsa',
        searchContacts: true,
        limit: 1,
        offset: 0,
      });
      const id = items[0].id;
      const full = await exportPerson(database, admin, assemblyId, id);
      assert.equal(full.contact?.full_name, 'Åsa Öberg');
      assert.deepEqual(full.needs.needs, ['hearing_loop']);
      await erasePerson(database, admin, assemblyId, id, dataDir);
      assert.equal(await findContact(database.db, id), undefined);
      const left = await exportPerson(database, admin, assemblyId, id);
      assert.equal(left.contact, null);
      assert.deepEqual(left.needs.needs, []);
      assert.deepEqual(left.answers, { gender: 'woman' });
      assert.equal(left.person.reference, 'P-00001');
      assert.ok(left.person.erasedAt);
      // No name anywhere in what is left, including the audit log.
      const everything =
        JSON.stringify(left) + JSON.stringify(await listAudit(database.db, { limit: 1000, offset: 0 }));
      assert.doesNotMatch(everything, /Åsa|Öberg|asa@example/);
    });

    test('a typed % or _ finds only people whose details hold that character', async () => {
      const [percent, underscore, plain] = await createInvitations(database, admin, assemblyId, 3);
      await registerVolunteer(database, registration(assemblyId, percent, 'Hundra% Nöjd'));
      const withUnderscore = registration(assemblyId, underscore, 'Understruken Person');
      withUnderscore.contact.email = 'under_struken@example.se';
      await registerVolunteer(database, withUnderscore);
      await registerVolunteer(database, registration(assemblyId, plain, 'Vanlig Person'));
      const found = async (search: string) =>
        (
          await listPeople(database.db, { assemblyId, search, searchContacts: true, limit: 100, offset: 0 })
        ).items.map((p) => p.full_name);
      assert.deepEqual(await found('%'), ['Hundra% Nöjd']);
      assert.deepEqual(await found('_'), ['Understruken Person']);
      assert.deepEqual(await found('a%'), ['Hundra% Nöjd']);
      assert.deepEqual(await found('r_t'), [], 'an underscore is not any one character');
      assert.deepEqual(await found('!'), [], 'the escape character is looked for as itself');
      assert.deepEqual(await found('%_'), []);
      // References are searched the same way by those who may not see names.
      const byReference = await listPeople(database.db, {
        assemblyId,
        search: '_',
        searchContacts: false,
        limit: 100,
        offset: 0,
      });
      assert.equal(byReference.total, 0);
    });

    test('a registration with several problems is refused with every one, each next to its field', async () => {
      const [code] = await createInvitations(database, admin, assemblyId, 1);
      const before = await countByStatus(database.db, assemblyId);
      const faulty = registration(assemblyId, code, '  ', 'neither');
      faulty.contact.email = 'not an address';
      faulty.contact.city = 'x'.repeat(101);
      faulty.consents = ['participation'];
      await assert.rejects(registerVolunteer(database, faulty), (e: unknown) => {
        assert.ok(e instanceof CommandError);
        // In the order of the form, so that a page lists them as the person meets the fields.
        const refusals = [e, ...e.also].map((r) => `${r.field}:${r.code}`);
        assert.deepEqual(refusals, [
          'answer_gender:answer_invalid',
          'full_name:name_required',
          'email:email_invalid',
          'city:too_long',
          'consent_data_processing:consent_required',
        ]);
        return true;
      });
      assert.deepEqual(await countByStatus(database.db, assemblyId), before);
    });

    test('a registration over the field limits or with a NUL byte is refused and writes nothing', async () => {
      const [code] = await createInvitations(database, admin, assemblyId, 1);
      const before = await countByStatus(database.db, assemblyId);
      const withNul = registration(assemblyId, code, 'Nul Person');
      withNul.contact.full_name = 'Nul\u0000Person';
      await assert.rejects(
        registerVolunteer(database, withNul),
        (e: unknown) =>
          e instanceof CommandError && e.code === 'control_characters' && e.field === 'full_name',
      );
      const tooLong = registration(assemblyId, code, 'Lång Person');
      tooLong.contact.address = 'x'.repeat(9_000_000);
      await assert.rejects(
        registerVolunteer(database, tooLong),
        (e: unknown) =>
          e instanceof CommandError && e.code === 'too_long' && e.field === 'address' && e.params.max === 200,
      );
      assert.deepEqual(await countByStatus(database.db, assemblyId), before);
    });

    test('the tolerance of point targets is stored as a number and kept when the targets are saved again', async () => {
      const settings = { ...emptyTargets(questions), kind: 'points' as const };
      await saveTargetSettings(database, admin, assemblyId, settings);
      assert.equal((await findTargets(database.db, assemblyId))?.point_tolerance, 0);
      await choosePointTolerance(database, admin, assemblyId, 1.5);
      assert.equal((await findTargets(database.db, assemblyId))?.point_tolerance, 1.5);
      await saveTargetSettings(database, admin, assemblyId, settings);
      assert.equal((await findTargets(database.db, assemblyId))?.point_tolerance, 1.5);
    });
  });
}
