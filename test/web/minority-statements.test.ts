/**
 * Minority statements through the app: a member writes one on her phone page and signs it, two
 * others sign, one withdraws her signature; a facilitator writes one for a member and records a
 * signature given on paper; its author withdraws it (kept, not counted); a volunteer, another
 * assembly's member and a draft are refused; a text over the limit is refused with the text kept;
 * every change audited. The final report's read of them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import {
  signMinorityStatement,
  withdrawSignature,
  writeMinorityStatement,
} from '../../src/commands/minority-statements.ts';
import { issueMemberLink } from '../../src/commands/people.ts';
import {
  changeRecommendationStatus,
  createRecommendation,
  saveWorkingGroup,
} from '../../src/commands/recommendations.ts';
import { minorityStatementsOfAssembly } from '../../src/repositories/minority-statements.ts';
import { type Person, panelNames, seedPanel } from '../support/attendance.ts';
import { createStaff, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;
let members: Person[];
let volunteer: Person;
let stranger: Person;
let otherAssemblyId: string;
let organiser: TestClient;
let facilitator: TestClient;
let facilitatorId: string;
let groupId: string;
/** A recommendation in the plenary, and a draft of the same group. */
let plenaryId: string;
let draftId: string;

const base = () => `/a/${assemblyId}/recommendations`;

async function staff(email: string, role: string) {
  const client = new TestClient(t.app);
  const id = await createStaff(t, email);
  await grantRole(t.database, t.adminActor, assemblyId, email, role);
  await client.logIn(email);
  return { client, id };
}

async function opened(assembly: string, personId: string) {
  const client = new TestClient(t.app);
  const token = await issueMemberLink(t.database, t.adminActor, assembly, personId);
  await client.get(`/m/${token}`);
  await client.get('/member/recommendations');
  return client;
}

async function draft(title: string): Promise<string> {
  await organiser.get(`${base()}/groups/${groupId}/new`);
  const reply = await organiser.post(`${base()}/groups/${groupId}/new`, {
    title,
    body: 'Kommunen ska bygga fler cykelbanor.',
    rationale: '',
  });
  assert.equal(reply.status, 303, reply.text.slice(0, 1000));
  return /recommendations\/([^?]+)\?/.exec(reply.location ?? '')![1];
}

async function statementsOf(recommendationId: string) {
  return t.database.db
    .selectFrom('minority_statements')
    .selectAll()
    .where('recommendation_id', '=', recommendationId)
    .orderBy('created_at')
    .execute();
}

async function signatures(statementId: string) {
  return t.database.db
    .selectFrom('minority_statement_signatures')
    .select(['person_id', 'recorded_by'])
    .where('statement_id', '=', statementId)
    .orderBy('signed_at')
    .execute();
}

async function audited(action: string, subjectId: string) {
  return t.database.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .where('subject_id', '=', subjectId)
    .execute();
}

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  ({ members, volunteer } = await seedPanel(t.database, assemblyId, panelNames.slice(0, 6)));
  otherAssemblyId = await createTestAssembly(t, { title: 'Annat råd' });
  stranger = (await seedPanel(t.database, otherAssemblyId, ['Olle Annan'])).members[0];
  // The other assembly has a recommendation in its plenary too, so its member's page has a form.
  const otherGroup = await saveWorkingGroup(t.database, t.adminActor, otherAssemblyId, null, {
    nameSv: 'Annan grupp',
    nameEn: 'Other group',
    facilitatorId: '',
    memberIds: [stranger.id],
  });
  const otherId = await createRecommendation(t.database, t.adminActor, otherAssemblyId, otherGroup, {
    title: 'Annat förslag',
    body: 'Något annat.',
    rationale: '',
  });
  await changeRecommendationStatus(t.database, t.adminActor, otherAssemblyId, otherId, 'plenary');
  organiser = (await staff('organiser@lotta.test', 'organiser')).client;
  const f = await staff('facilitator@lotta.test', 'facilitator');
  facilitator = f.client;
  facilitatorId = f.id;
  await organiser.get(`${base()}/groups/new`);
  await organiser.post(`${base()}/groups/new`, {
    name_sv: 'Trafik',
    name_en: 'Traffic',
    facilitator: facilitatorId,
    members: [members[0].id, members[1].id],
  });
  groupId = (
    await t.database.db
      .selectFrom('working_groups')
      .select('id')
      .where('assembly_id', '=', assemblyId)
      .executeTakeFirstOrThrow()
  ).id;
  plenaryId = await draft('Fler cykelbanor');
  assert.equal((await organiser.post(`${base()}/${plenaryId}/status`, { status: 'plenary' })).status, 303);
  draftId = await draft('Ett utkast');
});
after(() => t.close());

test('a member writes a statement, two others sign it, one withdraws her signature', async () => {
  // Cecilia is in no working group: a minority statement is the whole assembly's to write and sign.
  const [, , cecilia, david, eva] = members;
  const author = await opened(assemblyId, cecilia.id);
  const page = await author.get('/member/recommendations');
  assert.equal(page.status, 200);
  assert.match(page.text, /Fler cykelbanor/);
  assert.match(page.text, /Write a minority statement/);
  assert.doesNotMatch(page.text, /Ett utkast/, 'another group’s draft is not hers to see');
  const written = await author.post(`/member/recommendations/${plenaryId}/statements`, {
    text: 'Vi vill hellre ha fler bussar.\n\nCykelbanor hjälper inte alla.',
  });
  assert.equal(written.status, 303);
  const [statement] = await statementsOf(plenaryId);
  assert.equal(statement.person_id, cecilia.id);
  assert.equal(statement.written_by, null, 'she wrote it herself');
  assert.equal(statement.text, 'Vi vill hellre ha fler bussar.\n\nCykelbanor hjälper inte alla.');
  assert.deepEqual(await signatures(statement.id), [{ person_id: cecilia.id, recorded_by: null }]);

  const signer = await opened(assemblyId, david.id);
  const before = await signer.get('/member/recommendations');
  assert.match(before.text, /Vi vill hellre ha fler bussar./);
  assert.match(before.text, new RegExp(`statements/${statement.id}/sign"`));
  assert.equal(
    (await signer.post(`/member/recommendations/${plenaryId}/statements/${statement.id}/sign`, {})).status,
    303,
  );
  // Signing twice changes nothing.
  await signer.post(`/member/recommendations/${plenaryId}/statements/${statement.id}/sign`, {});
  const second = await opened(assemblyId, eva.id);
  assert.equal(
    (await second.post(`/member/recommendations/${plenaryId}/statements/${statement.id}/sign`, {})).status,
    303,
  );
  const three = await second.get('/member/recommendations');
  assert.match(three.text, /3 people have signed: Cecilia Lind 03, David Lind 04, Eva Lind 05/);
  assert.match(three.text, /Withdraw my signature/);

  const unsigned = await signer.post(
    `/member/recommendations/${plenaryId}/statements/${statement.id}/unsign`,
    {},
  );
  assert.equal(unsigned.status, 303);
  assert.deepEqual(
    (await signatures(statement.id)).map((s) => s.person_id),
    [cecilia.id, eva.id],
  );
  // Its author withdraws the statement, never only her signature.
  const own = await author.post(`/member/recommendations/${plenaryId}/statements/${statement.id}/unsign`, {});
  assert.equal(own.status, 422);
  assert.match(own.text, /cannot take her signature off it/);

  assert.equal((await audited('recommendations.statement_write', statement.id)).length, 1);
  assert.equal((await audited('recommendations.statement_sign', statement.id)).length, 2);
  const unsign = await audited('recommendations.statement_unsign', statement.id);
  assert.equal(unsign.length, 1);
  assert.equal(unsign[0].actor_id, 'self');

  const report = await minorityStatementsOfAssembly(t.database.db, assemblyId);
  const reported = report.get(plenaryId)?.find((s) => s.id === statement.id);
  assert.deepEqual(reported?.signatories, ['Cecilia Lind 03', 'Eva Lind 05']);
  assert.equal(reported?.author, 'Cecilia Lind 03');
});

test('staff write a statement for a member and record a signature given on paper; its author withdraws it', async () => {
  const [anna, bjorn, , , , fredrik] = members;
  await facilitator.get(`${base()}/${plenaryId}`);
  const written = await facilitator.post(`${base()}/${plenaryId}/statements`, {
    person: anna.id,
    text: 'Anna reserverar sig.',
  });
  assert.equal(written.status, 303);
  const statement = (await statementsOf(plenaryId)).find((s) => s.person_id === anna.id)!;
  assert.equal(statement.written_by, facilitatorId);
  const paper = await facilitator.post(`${base()}/${plenaryId}/statements/${statement.id}/signatures`, {
    person: bjorn.id,
  });
  assert.equal(paper.status, 303);
  await facilitator.post(`${base()}/${plenaryId}/statements/${statement.id}/signatures`, {
    person: fredrik.id,
  });
  assert.deepEqual(await signatures(statement.id), [
    { person_id: anna.id, recorded_by: facilitatorId },
    { person_id: bjorn.id, recorded_by: facilitatorId },
    { person_id: fredrik.id, recorded_by: facilitatorId },
  ]);
  const page = await facilitator.get(`${base()}/${plenaryId}`);
  assert.match(page.text, /Anna reserverar sig./);
  assert.match(page.text, /3 signatures:/);
  assert.match(page.text, /Björn Lind 02 \(recorded by staff\)/);
  assert.match(page.text, /typed by staff for her/);
  const removed = await facilitator.post(
    `${base()}/${plenaryId}/statements/${statement.id}/signatures/remove`,
    {
      person: fredrik.id,
    },
  );
  assert.equal(removed.status, 303);
  assert.equal((await signatures(statement.id)).length, 2);
  const signed = await audited('recommendations.statement_sign', statement.id);
  assert.equal(signed.length, 2);
  assert.ok(signed.every((e) => e.actor_id === facilitatorId));
  assert.match(String(signed[0].details), /"onBehalf":true/);

  // Anna withdraws it herself on her page: kept, marked, no longer counted or signable.
  const member = await opened(assemblyId, anna.id);
  assert.match((await member.get('/member/recommendations')).text, /Withdraw my statement/);
  const withdrawn = await member.post(
    `/member/recommendations/${plenaryId}/statements/${statement.id}/withdraw`,
    {},
  );
  assert.equal(withdrawn.status, 303);
  const row = (await statementsOf(plenaryId)).find((s) => s.id === statement.id)!;
  assert.ok(row.withdrawn_at);
  assert.equal(row.withdrawn_by, 'self');
  assert.equal((await audited('recommendations.statement_withdraw', statement.id)).length, 1);
  const report = await minorityStatementsOfAssembly(t.database.db, assemblyId);
  assert.ok(!(report.get(plenaryId) ?? []).some((s) => s.id === statement.id));
  const staffPage = await facilitator.get(`${base()}/${plenaryId}`);
  assert.match(staffPage.text, /Anna reserverar sig./);
  assert.match(staffPage.text, /Withdrawn/);
  const late = await facilitator.post(`${base()}/${plenaryId}/statements/${statement.id}/signatures`, {
    person: members[2].id,
  });
  assert.equal(late.status, 422);
  assert.match(late.text, /has been withdrawn/);
  assert.equal((await signatures(statement.id)).length, 2);
});

test('a volunteer, another assembly’s member and an evaluator are refused; a draft takes no statements', async () => {
  const [statement] = await statementsOf(plenaryId);
  const signed = async () => (await signatures(statement.id)).length;
  const count = await signed();

  const outsider = await opened(assemblyId, volunteer.id);
  assert.equal((await outsider.get('/member/recommendations')).status, 403);
  const volunteered = await outsider.post(
    `/member/recommendations/${plenaryId}/statements/${statement.id}/sign`,
    {},
  );
  assert.equal(volunteered.status, 403);
  const elsewhere = await opened(otherAssemblyId, stranger.id);
  const foreign = await elsewhere.post(
    `/member/recommendations/${plenaryId}/statements/${statement.id}/sign`,
    {},
  );
  assert.equal(foreign.status, 404);
  const foreignWrite = await elsewhere.post(`/member/recommendations/${plenaryId}/statements`, {
    text: 'Nej.',
  });
  assert.equal(foreignWrite.status, 404);
  // Nor can staff sign in the name of someone of another assembly, or of a volunteer.
  await organiser.get(`${base()}/${plenaryId}`);
  for (const person of [stranger.id, volunteer.id]) {
    const refused = await organiser.post(`${base()}/${plenaryId}/statements/${statement.id}/signatures`, {
      person,
    });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /Only confirmed members of the panel can write or sign/);
  }
  const evaluator = (await staff('evaluator@lotta.test', 'evaluator')).client;
  const read = await evaluator.get(`${base()}/${plenaryId}`);
  assert.equal(read.status, 200);
  assert.match(read.text, /Minority statements/);
  assert.doesNotMatch(read.text, /Cecilia Lind 03/, 'an evaluator sees references, not names');
  assert.equal(
    (
      await evaluator.post(`${base()}/${plenaryId}/statements/${statement.id}/signatures`, {
        person: members[3].id,
      })
    ).status,
    403,
  );
  assert.equal(await signed(), count);

  // A draft is the working group's business: amendments, not minority statements.
  const member = await opened(assemblyId, members[0].id);
  assert.equal(
    (await member.post(`/member/recommendations/${draftId}/statements`, { text: 'Nej.' })).status,
    404,
  );
  await organiser.get(`${base()}/${draftId}`);
  const onDraft = await organiser.post(`${base()}/${draftId}/statements`, {
    person: members[0].id,
    text: 'Nej.',
  });
  assert.equal(onDraft.status, 422);
  assert.match(onDraft.text, /once the recommendation has gone to the plenary/);
  assert.equal((await statementsOf(draftId)).length, 0);
});

test('a statement over the limit is refused with everything typed kept', async () => {
  const before = (await statementsOf(plenaryId)).length;
  const long = `Början ${'å'.repeat(6000)}`;
  const member = await opened(assemblyId, members[3].id);
  const refused = await member.post(`/member/recommendations/${plenaryId}/statements`, { text: long });
  assert.equal(refused.status, 422);
  assert.match(refused.text, /Shorten this to at most 6000 characters/);
  assert.ok(refused.text.includes(`>${long}</textarea>`), 'her text is kept');
  assert.match(refused.text, /<details open="">/);
  await organiser.get(`${base()}/${plenaryId}`);
  const staffRefused = await organiser.post(`${base()}/${plenaryId}/statements`, {
    person: members[3].id,
    text: long,
  });
  assert.equal(staffRefused.status, 422);
  assert.ok(staffRefused.text.includes(`>${long}</textarea>`));
  assert.match(staffRefused.text, new RegExp(`<option value="${members[3].id}" selected="">`));
  const empty = await member.post(`/member/recommendations/${plenaryId}/statements`, { text: ' \n\n ' });
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Fill in this field/);
  assert.equal((await statementsOf(plenaryId)).length, before);
});

test('on PostgreSQL: a statement written, signed twice by one member (counted once), unsigned, reported', async () => {
  const pg = await startTestApp({ kind: 'postgres' });
  try {
    const assembly = await createTestAssembly(pg);
    const [anna, bo, cia] = (await seedPanel(pg.database, assembly, panelNames.slice(0, 3))).members;
    const groupId = await saveWorkingGroup(pg.database, pg.adminActor, assembly, null, {
      nameSv: 'Grupp',
      nameEn: 'Group',
      facilitatorId: '',
      memberIds: [anna.id],
    });
    const id = await createRecommendation(pg.database, pg.adminActor, assembly, groupId, {
      title: 'Förslag',
      body: 'Text.',
      rationale: '',
    });
    await changeRecommendationStatus(pg.database, pg.adminActor, assembly, id, 'plenary');
    const self = (personId: string) => ({ kind: 'person' as const, personId });
    const statementId = await writeMinorityStatement(pg.database, self(bo.id), assembly, id, {
      personId: bo.id,
      text: 'Vi håller inte med.',
    });
    for (const _ of [1, 2])
      await signMinorityStatement(pg.database, self(cia.id), assembly, id, statementId, cia.id);
    await signMinorityStatement(pg.database, pg.adminActor, assembly, id, statementId, anna.id);
    await withdrawSignature(pg.database, self(cia.id), assembly, id, statementId, cia.id);
    const [reported] = (await minorityStatementsOfAssembly(pg.database.db, assembly)).get(id) ?? [];
    assert.deepEqual(reported.signatories, [bo.name, anna.name]);
    assert.equal(reported.text, 'Vi håller inte med.');
    const signs = await pg.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'recommendations.statement_sign')
      .execute();
    assert.equal(signs.length, 2, 'the second tap changed nothing and wrote no event');
  } finally {
    await pg.close();
  }
});
