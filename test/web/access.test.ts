/**
 * Walks every route with every role and checks that each is allowed or refused as designed. The
 * design is written out here, route by route, independently of src/domain/roles.ts: a route added
 * without a line here fails the test, and so does a route guarded by the wrong permission.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { grantRole } from '../../src/commands/assemblies.ts';
import { loadDemo } from '../../src/commands/demo.ts';
import { issueMemberLink } from '../../src/commands/people.ts';
import { findAssemblyBySlug } from '../../src/repositories/assemblies.ts';
import { listConsents, listPeople } from '../../src/repositories/people.ts';
import { allRoutes } from '../../src/web/app.ts';
import { createStaff, duplicateIds, startTestApp, type TestApp, TestClient } from '../support/web.ts';

type Who =
  | 'anonymous'
  | 'member'
  | 'volunteer'
  | 'outsider'
  | 'administrator'
  | 'organiser'
  | 'caller'
  | 'facilitator'
  | 'evaluator'
  | 'host'
  | 'commissioner';
const everyone: Who[] = [
  'anonymous',
  'member',
  'volunteer',
  'outsider',
  'administrator',
  'organiser',
  'caller',
  'facilitator',
  'evaluator',
  'host',
  'commissioner',
];
const staff: Who[] = [
  'outsider',
  'administrator',
  'organiser',
  'caller',
  'facilitator',
  'evaluator',
  'host',
  'commissioner',
];
const team: Who[] = ['administrator', 'organiser', 'caller', 'facilitator', 'evaluator'];
const organisers: Who[] = ['administrator', 'organiser'];
const callers: Who[] = ['administrator', 'organiser', 'caller'];
/**
 * Who reads the learning material: facilitators prepare sessions with it, evaluators judge its
 * balance, callers tell members on the phone what the assembly will hear about.
 */
const learners: Who[] = ['administrator', 'organiser', 'caller', 'facilitator', 'evaluator'];
/** Who may ask on a member's behalf: facilitators at the tables, callers on the phone. */
const askers: Who[] = ['administrator', 'organiser', 'caller', 'facilitator'];
/** Who sees a deliberation's tables: facilitators lead them, callers stand in for them. */
const seaters: Who[] = ['administrator', 'organiser', 'caller', 'facilitator'];
/** Who may read the representativeness report: evaluators study it. */
const readers: Who[] = ['administrator', 'organiser', 'evaluator'];

/** The design: who may use each route. */
const design: Record<string, Who[]> = {
  'GET /': everyone,
  'GET /login': everyone,
  'POST /login': everyone,
  'GET /login/totp': everyone,
  'POST /login/totp': everyone,
  'POST /logout': everyone,
  'GET /account': staff,
  'GET /account/password': staff,
  'POST /account/password': staff,
  'GET /account/totp': staff,
  'POST /account/totp': staff,
  'POST /account/totp/disable': staff,
  'GET /admin/accounts': ['administrator'],
  'POST /admin/accounts': ['administrator'],
  'POST /admin/accounts/:accountId/reset': ['administrator'],
  'POST /admin/accounts/:accountId/disable-totp': ['administrator'],
  'GET /admin/audit': ['administrator'],
  'GET /set-password/:token': everyone,
  'POST /set-password/:token': everyone,
  'GET /a/:assemblyId/outbox': organisers,
  'POST /a/:assemblyId/outbox/print': organisers,
  'GET /a/:assemblyId/outbox/print/:jobId': organisers,
  'POST /a/:assemblyId/outbox/:messageId/retry': organisers,
  'GET /assemblies': staff,
  'GET /assemblies/new': staff,
  'POST /assemblies/new': staff,
  'GET /a/:assemblyId': team,
  'GET /a/:assemblyId/edit': organisers,
  'POST /a/:assemblyId/edit': organisers,
  'POST /a/:assemblyId/phase': organisers,
  'GET /a/:assemblyId/questions': organisers,
  'POST /a/:assemblyId/questions': organisers,
  'GET /a/:assemblyId/team': organisers,
  'POST /a/:assemblyId/team': organisers,
  'POST /a/:assemblyId/team/:accountId/remove': organisers,
  'GET /a/:assemblyId/audit': ['administrator'],
  'GET /a/:assemblyId/people': team,
  'GET /a/:assemblyId/people/:personId': team,
  'POST /a/:assemblyId/people/:personId/status': callers,
  'GET /a/:assemblyId/people/:personId/erase': organisers,
  'POST /a/:assemblyId/people/:personId/erase': organisers,
  'GET /a/:assemblyId/people/:personId/export': organisers,
  'POST /a/:assemblyId/people/:personId/member-link': organisers,
  'POST /a/:assemblyId/people/:personId/consents/:consentId/withdraw': organisers,
  'GET /a/:assemblyId/invitations': organisers,
  'POST /a/:assemblyId/invitations': organisers,
  'GET /a/:assemblyId/invitations.csv': organisers,
  'GET /a/:assemblyId/import': organisers,
  'POST /a/:assemblyId/import': organisers,
  'POST /a/:assemblyId/import/preview': organisers,
  'POST /a/:assemblyId/import/commit': organisers,
  // Stage 1: register extracts, invitation draws, letters, responses (invitations helper).
  'GET /a/:assemblyId/invitations/lottery': organisers,
  'POST /a/:assemblyId/invitations/registers': organisers,
  'GET /a/:assemblyId/invitations/registers/:registerId': organisers,
  'POST /a/:assemblyId/invitations/registers/:registerId': organisers,
  'POST /a/:assemblyId/invitations/registers/:registerId/delete': organisers,
  'GET /a/:assemblyId/invitations/draws/:drawId': organisers,
  'POST /a/:assemblyId/invitations/draws/:drawId/check': organisers,
  'GET /a/:assemblyId/invitations/draws/:drawId/letters.pdf': organisers,
  'GET /a/:assemblyId/invitations/draws/:drawId/letters/:jobId': organisers,
  'GET /a/:assemblyId/invitations/draws/:drawId/letters.csv': organisers,
  'POST /a/:assemblyId/invitations/draws/:drawId/erase': organisers,
  'GET /a/:assemblyId/invitations/letters/:language': organisers,
  'POST /a/:assemblyId/invitations/letters/:language': organisers,
  'GET /a/:assemblyId/invitations/responses': organisers,
  // Stage 2: targets, selection runs, results (selection helper).
  'GET /a/:assemblyId/targets': organisers,
  'POST /a/:assemblyId/targets': organisers,
  'GET /a/:assemblyId/selection': organisers,
  'POST /a/:assemblyId/selection': organisers,
  'GET /a/:assemblyId/selection/:runId': organisers,
  'GET /a/:assemblyId/selection/:runId/result.json': organisers,
  'POST /a/:assemblyId/selection/:runId/cancel': organisers,
  'POST /a/:assemblyId/selection/trade-off': organisers,
  'POST /a/:assemblyId/selection/trade-off/:jobId/cancel': organisers,
  'POST /a/:assemblyId/selection/tolerance': organisers,
  // Public draw and reserves (draw helper).
  'GET /a/:assemblyId/draw': organisers,
  'POST /a/:assemblyId/draw': organisers,
  'GET /a/:assemblyId/draw/:drawId': organisers,
  'POST /a/:assemblyId/draw/:drawId/seed': organisers,
  'POST /a/:assemblyId/draw/:drawId/reserves': organisers,
  'GET /public/:slug/draw': everyone,
  'GET /public/:slug/draw/:drawId': everyone,
  'GET /public/:slug/draw/:drawId/commitment.json': everyone,
  'GET /public/:slug/draw/:drawId/lottery.json': everyone,
  'GET /public/:slug/draw/:drawId/candidates.json': everyone,
  'GET /public/:slug/draw/:drawId/transcript.json': everyone,
  'GET /public/:slug/draw/:drawId/verify': everyone,
  // Calls and the representativeness report (calls helper).
  'GET /a/:assemblyId/calls': callers,
  'POST /a/:assemblyId/calls/:personId': callers,
  'GET /a/:assemblyId/report': readers,
  'GET /a/:assemblyId/report.csv': readers,
  'GET /a/:assemblyId/report.pdf': readers,
  'GET /a/:assemblyId/report/pdf/:jobId': readers,
  // Replacements (lead).
  'GET /a/:assemblyId/replacements': organisers,
  'POST /a/:assemblyId/replacements': organisers,
  // The programme of sessions (programme helper): the whole team reads it, organisers change it.
  'GET /a/:assemblyId/programme': team,
  'GET /a/:assemblyId/programme/calendar': team,
  'POST /a/:assemblyId/programme/plan': organisers,
  'GET /a/:assemblyId/programme/new': organisers,
  'POST /a/:assemblyId/programme/new': organisers,
  'GET /a/:assemblyId/programme/sessions/:sessionId': organisers,
  'POST /a/:assemblyId/programme/sessions/:sessionId': organisers,
  'POST /a/:assemblyId/programme/sessions/:sessionId/publish': organisers,
  'POST /a/:assemblyId/programme/sessions/:sessionId/cancel': organisers,
  'POST /a/:assemblyId/programme/sessions/:sessionId/delete': organisers,
  'GET /a/:assemblyId/programme/week': team,
  // The programme on paper: organisers print everyone's without e-mail; whoever sees a member's
  // name may print hers (a caller posting it to someone without a computer).
  'POST /a/:assemblyId/programme/printed': organisers,
  'GET /a/:assemblyId/programme/printed/:jobId': organisers,
  'GET /a/:assemblyId/people/:personId/programme.pdf': [
    'administrator',
    'organiser',
    'caller',
    'facilitator',
  ],
  // Attendance (attendance helper): the host at the door only checks members in; facilitators and
  // callers also mark sessions and see the grid; evaluators see its figures without names.
  'GET /a/:assemblyId/attendance': ['administrator', 'organiser', 'caller', 'facilitator', 'evaluator'],
  'GET /a/:assemblyId/attendance/export.csv': ['administrator', 'organiser', 'caller', 'facilitator'],
  'GET /a/:assemblyId/attendance/sessions/:sessionId': [
    'administrator',
    'organiser',
    'caller',
    'facilitator',
  ],
  'POST /a/:assemblyId/attendance/sessions/:sessionId': [
    'administrator',
    'organiser',
    'caller',
    'facilitator',
  ],
  'POST /a/:assemblyId/attendance/sessions/:sessionId/undo': organisers,
  'GET /a/:assemblyId/check-in': ['administrator', 'organiser', 'caller', 'facilitator', 'host'],
  'POST /a/:assemblyId/check-in': ['administrator', 'organiser', 'caller', 'facilitator', 'host'],
  'GET /a/:assemblyId/check-in/person/:personId': [
    'administrator',
    'organiser',
    'caller',
    'facilitator',
    'host',
  ],
  // Evidence library and experts (h12).
  'GET /a/:assemblyId/evidence': learners,
  'POST /a/:assemblyId/evidence': organisers,
  'GET /a/:assemblyId/evidence/new': organisers,
  'GET /a/:assemblyId/evidence/:itemId': learners,
  'POST /a/:assemblyId/evidence/:itemId': organisers,
  'POST /a/:assemblyId/evidence/:itemId/delete': organisers,
  'GET /a/:assemblyId/evidence/:itemId/file': learners,
  'GET /a/:assemblyId/experts': learners,
  'POST /a/:assemblyId/experts': organisers,
  'GET /a/:assemblyId/experts/new': organisers,
  'GET /a/:assemblyId/experts/:expertId': learners,
  'POST /a/:assemblyId/experts/:expertId': organisers,
  'POST /a/:assemblyId/experts/:expertId/delete': organisers,
  // Working groups and recommendations (h8): the whole team reads them; organisers, and facilitators
  // typing for their groups (callers standing in for them), draft them; hosts see nothing.
  'GET /a/:assemblyId/recommendations': team,
  'GET /a/:assemblyId/recommendations/groups/new': seaters,
  'POST /a/:assemblyId/recommendations/groups/new': seaters,
  'GET /a/:assemblyId/recommendations/groups/:groupId': seaters,
  'POST /a/:assemblyId/recommendations/groups/:groupId': seaters,
  'GET /a/:assemblyId/recommendations/groups/:groupId/new': seaters,
  'POST /a/:assemblyId/recommendations/groups/:groupId/new': seaters,
  'GET /a/:assemblyId/recommendations/:recommendationId': team,
  'GET /a/:assemblyId/recommendations/:recommendationId/edit': seaters,
  'POST /a/:assemblyId/recommendations/:recommendationId/edit': seaters,
  'POST /a/:assemblyId/recommendations/:recommendationId/status': seaters,
  'POST /a/:assemblyId/recommendations/:recommendationId/amendments': seaters,
  'POST /a/:assemblyId/recommendations/:recommendationId/amendments/:amendmentId': seaters,
  'GET /a/:assemblyId/recommendations/:recommendationId/compare': team,
  'POST /a/:assemblyId/recommendations/:recommendationId/statements': seaters,
  'POST /a/:assemblyId/recommendations/:recommendationId/statements/:statementId/signatures': seaters,
  'POST /a/:assemblyId/recommendations/:recommendationId/statements/:statementId/signatures/remove': seaters,
  'POST /a/:assemblyId/recommendations/:recommendationId/statements/:statementId/withdraw': seaters,
  'GET /member/recommendations': ['member'],
  'POST /member/recommendations/:recommendationId/amend': ['member'],
  'POST /member/recommendations/:recommendationId/statements': ['member'],
  'POST /member/recommendations/:recommendationId/statements/:statementId/sign': ['member'],
  'POST /member/recommendations/:recommendationId/statements/:statementId/unsign': ['member'],
  'POST /member/recommendations/:recommendationId/statements/:statementId/withdraw': ['member'],
  'GET /a/:assemblyId/recommendations/:recommendationId/print': team,
  // Plenary votes: the team sees them and their results, organisers run them, those who seat people
  // (facilitators, callers) type in paper ballots.
  // The retention schedule: organisers see it and hold categories.
  'GET /a/:assemblyId/retention': organisers,
  'POST /a/:assemblyId/retention/:category/hold': organisers,
  'POST /a/:assemblyId/retention/:category/release': organisers,
  'GET /a/:assemblyId/votes': team,
  'GET /a/:assemblyId/votes/new': organisers,
  'POST /a/:assemblyId/votes/new': organisers,
  'GET /a/:assemblyId/votes/:voteId': team,
  'GET /a/:assemblyId/votes/:voteId/projector': team,
  'POST /a/:assemblyId/votes/:voteId/open': organisers,
  'POST /a/:assemblyId/votes/:voteId/close': organisers,
  'POST /a/:assemblyId/votes/:voteId/delete': organisers,
  'POST /a/:assemblyId/votes/:voteId/paper': seaters,
  'GET /a/:assemblyId/votes/:voteId/paper/:stackId/:round': seaters,
  'POST /a/:assemblyId/votes/:voteId/paper/:stackId/:round': seaters,
  // The final report (h2): the whole team reads every version and its PDFs; organisers generate a
  // new version and set the logo.
  'GET /a/:assemblyId/final-report': team,
  'GET /a/:assemblyId/final-report/versions/:number': team,
  'GET /a/:assemblyId/final-report/versions/:number/pdf/:language': team,
  'POST /a/:assemblyId/final-report/generate': organisers,
  'GET /a/:assemblyId/final-report/jobs/:jobId': organisers,
  'POST /a/:assemblyId/final-report/jobs/:jobId/cancel': organisers,
  'GET /a/:assemblyId/final-report/logo': team,
  'POST /a/:assemblyId/final-report/logo': organisers,
  // Members' requests and submissions from the public (h4): the whole team reads the log (no names
  // in it), facilitators and callers ask on a member's behalf, organisers answer and review.
  'GET /a/:assemblyId/requests': team,
  'GET /a/:assemblyId/requests.csv': team,
  'GET /a/:assemblyId/requests/new': askers,
  'POST /a/:assemblyId/requests/new': askers,
  'GET /a/:assemblyId/requests/:requestId': organisers,
  'POST /a/:assemblyId/requests/:requestId/answer': organisers,
  'POST /a/:assemblyId/requests/:requestId/decline': organisers,
  'GET /member/requests/new': ['member'],
  'POST /member/requests/new': ['member'],
  'GET /public/:slug/submissions/new': everyone,
  'POST /public/:slug/submissions/new': everyone,
  'GET /a/:assemblyId/submissions': organisers,
  'POST /a/:assemblyId/submissions/open': organisers,
  'POST /a/:assemblyId/submissions/close': organisers,
  'GET /a/:assemblyId/submissions/:submissionId': organisers,
  'POST /a/:assemblyId/submissions/:submissionId/accept': organisers,
  'POST /a/:assemblyId/submissions/:submissionId/reject': organisers,
  // Stipends and expenses: money and personal costs, so organisers only; a member claims her own.
  'GET /a/:assemblyId/expenses': organisers,
  'GET /a/:assemblyId/expenses/rules': organisers,
  'POST /a/:assemblyId/expenses/rules': organisers,
  'GET /a/:assemblyId/expenses/claims/new': organisers,
  'POST /a/:assemblyId/expenses/claims': organisers,
  'GET /a/:assemblyId/expenses/claims/:claimId': organisers,
  'GET /a/:assemblyId/expenses/claims/:claimId/receipt': organisers,
  'POST /a/:assemblyId/expenses/claims/:claimId/approve': organisers,
  'POST /a/:assemblyId/expenses/claims/:claimId/reject': organisers,
  'POST /a/:assemblyId/expenses/claims/:claimId/paid': organisers,
  'GET /a/:assemblyId/expenses/payout': organisers,
  'GET /a/:assemblyId/expenses/payout.csv': organisers,
  'POST /a/:assemblyId/expenses/payout/:personId': organisers,
  // Tables for deliberation (h5): organisers set them; callers and facilitators see them (facilitators
  // their own table on the phone), the printables and the projector. Hosts and evaluators see none.
  'GET /a/:assemblyId/tables': seaters,
  'GET /a/:assemblyId/tables/:sessionId': seaters,
  'POST /a/:assemblyId/tables/:sessionId': organisers,
  'POST /a/:assemblyId/tables/:sessionId/recompute': organisers,
  'POST /a/:assemblyId/tables/:sessionId/lock': organisers,
  'POST /a/:assemblyId/tables/:sessionId/late': organisers,
  'POST /a/:assemblyId/tables/:sessionId/unlock': organisers,
  'POST /a/:assemblyId/tables/:sessionId/apart': organisers,
  'POST /a/:assemblyId/tables/:sessionId/fixed': organisers,
  'POST /a/:assemblyId/tables/:sessionId/rules/:ruleId/remove': organisers,
  'POST /a/:assemblyId/tables/:sessionId/move/preview': organisers,
  'POST /a/:assemblyId/tables/:sessionId/move': organisers,
  'GET /a/:assemblyId/tables/:sessionId/cards.pdf': seaters,
  'GET /a/:assemblyId/tables/:sessionId/lists.pdf': seaters,
  'GET /a/:assemblyId/tables/:sessionId/mine': seaters,
  'GET /a/:assemblyId/tables/:sessionId/projector': seaters,
  // Members' own channels into a vote (h3): her phone through her personal link; the table's tablet,
  // opened by whoever helps at the tables (hosts too), never by an evaluator, who only reads results.
  // After the handover: decision makers (commissioners) answer; the team and evaluators read the
  // answers (callers and facilitators do not: their work ended with the assembly); organisers set
  // the deadline and invite commissioners.
  'GET /a/:assemblyId/answers': ['administrator', 'organiser', 'evaluator', 'commissioner'],
  'POST /a/:assemblyId/answers/deadline': organisers,
  'POST /a/:assemblyId/answers/commissioners': organisers,
  'GET /a/:assemblyId/answers/:recommendationId': ['administrator', 'organiser', 'evaluator', 'commissioner'],
  'POST /a/:assemblyId/answers/:recommendationId': ['administrator', 'organiser', 'commissioner'],
  'POST /a/:assemblyId/answers/:recommendationId/updates': ['administrator', 'organiser', 'commissioner'],
  'GET /member/votes': ['member'],
  'GET /member/votes/:voteId': ['member'],
  'POST /member/votes/:voteId': ['member'],
  'GET /a/:assemblyId/votes/:voteId/tablet': ['administrator', 'organiser', 'caller', 'facilitator', 'host'],
  'POST /a/:assemblyId/votes/:voteId/tablet': ['administrator', 'organiser', 'caller', 'facilitator', 'host'],
  // Evaluation (h7): evaluators and organisers read the figures and write the report; organisers open
  // and close questionnaires; members answer through their link, the team on its own page (a fake
  // questionnaire is not found for those the route admits).
  'GET /a/:assemblyId/evaluation': readers,
  'POST /a/:assemblyId/evaluation/questionnaires': organisers,
  'GET /a/:assemblyId/evaluation/questionnaires/:questionnaireId': readers,
  'POST /a/:assemblyId/evaluation/questionnaires/:questionnaireId/close': organisers,
  'GET /a/:assemblyId/evaluation/questionnaires/:questionnaireId/answer': team,
  'POST /a/:assemblyId/evaluation/questionnaires/:questionnaireId/answer': team,
  'GET /a/:assemblyId/evaluation/report': readers,
  'POST /a/:assemblyId/evaluation/report': readers,
  'GET /a/:assemblyId/evaluation/report.pdf': readers,
  'GET /member/questionnaires/:questionnaireId': ['member'],
  'POST /member/questionnaires/:questionnaireId': ['member'],
  // The public assembly page and its open data (h6): anyone; the publication tab: organisers.
  'GET /a/:assemblyId/publication': organisers,
  'POST /a/:assemblyId/publication': organisers,
  'POST /a/:assemblyId/publication/publish': organisers,
  'POST /a/:assemblyId/publication/unpublish': organisers,
  'GET /public': everyone,
  'GET /public/:file{[^/]+\\.json}': everyone,
  'GET /public/:slug': everyone,
  'GET /public/:slug/recommendations.csv': everyone,
  'GET /public/:slug/answers.csv': everyone,
  'GET /public/:slug/representativeness.csv': everyone,
  'GET /public/:slug/feed.atom': everyone,
  'GET /register': everyone,
  'POST /register': everyone,
  'GET /register/:slug': everyone,
  'POST /register/:slug': everyone,
  'GET /m/:token': everyone,
  // The calendar subscription: public, the handler refuses the fake token with a 404.
  'GET /m/:token/programme.ics': everyone,
  // Through the personal link: a confirmed member of the panel, or a volunteer (here a registered one),
  // who may only see and correct what is stored about her.
  'GET /member': ['member', 'volunteer'],
  'GET /member/programme.ics': ['member'],
  'GET /member/programme.pdf': ['member'],
  'GET /member/evidence/:itemId/file': ['member'],
  'POST /member/consents/:consentId/withdraw': ['member', 'volunteer'],
  'POST /member/consents/publish-name': ['member', 'volunteer'],
  'GET /member/claims/new': ['member'],
  'POST /member/claims': ['member'],
  'GET /member/claims/:claimId/receipt': ['member', 'volunteer'],
};

let t: TestApp;
const clients = new Map<Who, TestClient>();
const params: Record<string, string> = {};

before(async () => {
  t = await startTestApp();
  await loadDemo(t.database, 40);
  const assembly = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!;
  params.assemblyId = assembly.id;
  params.slug = assembly.slug;
  const people = await listPeople(t.database.db, {
    assemblyId: assembly.id,
    searchContacts: false,
    limit: 40,
    offset: 0,
  });
  // The person the routes act on is not the member whose link is used below.
  params.personId = people.items[0].id;
  params.consentId = (await listConsents(t.database.db, people.items[0].id))[0].id;
  params.accountId = await createStaff(t, 'bystander@lotta.test');
  params.token = 'not-a-real-link';
  params.file = `${assembly.slug}.json`;
  // A real vote, so that its pages (and forms re-shown) are walked too. (A real recommendation would
  // also meet the rule that only its group's facilitator changes it, which is tested on its own.)
  const closedVote = await t.database.db
    .selectFrom('votes')
    .select('id')
    .where('assembly_id', '=', assembly.id)
    .where('closed_at', 'is not', null)
    .executeTakeFirst();
  params.voteId = closedVote?.id ?? 'no-such-vote';
  params.sessionId = 'no-such-session';
  params.requestId = 'no-such-request';
  params.submissionId = 'no-such-submission';
  params.claimId = 'no-such-claim';
  params.groupId = 'no-such-group';
  params.category = 'receipts';
  params.voteId = 'no-such-vote';
  params.recommendationId = 'no-such-recommendation';
  params.amendmentId = 'no-such-amendment';
  params.questionnaireId = 'no-such-questionnaire';
  params.number = '1';
  params.language = 'sv';

  for (const who of everyone) {
    const client = new TestClient(t.app);
    clients.set(who, client);
    if (who === 'anonymous') {
      await client.get('/');
    } else if (who === 'volunteer') {
      const token = await issueMemberLink(t.database, t.adminActor, assembly.id, people.items[1].id);
      await client.get(`/m/${token}`);
    } else if (who === 'member') {
      // A confirmed member of the panel, as the callers' confirmation would leave her.
      const confirmed = people.items[2].id;
      await t.database.db
        .updateTable('people')
        .set({ status: 'confirmed' })
        .where('id', '=', confirmed)
        .execute();
      const token = await issueMemberLink(t.database, t.adminActor, assembly.id, confirmed);
      await client.get(`/m/${token}`);
    } else if (who === 'administrator') {
      await client.logIn('admin@lotta.test');
    } else {
      const email = `${who}@lotta.test`;
      await createStaff(t, email);
      if (who !== 'outsider') await grantRole(t.database, t.adminActor, assembly.id, email, who);
      await client.logIn(email);
    }
  }
});
after(() => t.close());

function refused(_who: Who, reply: { status: number; location: string | null }): boolean {
  if (reply.status === 403) return true;
  // Without a staff login a page sends the browser to the login page (and a form gets 403 above).
  return (reply.location ?? '').startsWith('/login?next=');
}

test('every route is in the design, and every design line is a route', () => {
  const routes = allRoutes.map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(
    routes.filter((r) => !(r in design)),
    [],
    'routes without a design line',
  );
  assert.deepEqual(
    Object.keys(design).filter((r) => !routes.includes(r)),
    [],
    'design lines without a route',
  );
});

test('each role is allowed or refused on every route as designed', async () => {
  const wrong: string[] = [];
  const repeatedIds = new Set<string>();
  // Log-out and log-in change the client's login, so they run last for each client.
  const order = [...allRoutes].sort(
    (a, b) => Number(a.path.startsWith('/log')) - Number(b.path.startsWith('/log')),
  );
  for (const who of everyone) {
    const client = clients.get(who)!;
    for (const route of order) {
      if (route.path === '/logout' || route.path === '/login' || route.path.startsWith('/m/')) continue;
      // A parameter with its own pattern (`:file{…}`) is filled like any other.
      const path = route.path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => params[name]);
      // A fresh page gives the client a valid CSRF token for its own login.
      await client.get(who === 'anonymous' || who === 'member' || who === 'volunteer' ? '/' : '/account');
      const reply = route.method === 'GET' ? await client.get(path) : await client.post(path, {});
      const allowed = design[`${route.method} ${route.path}`].includes(who);
      if (allowed === refused(who, reply)) {
        wrong.push(
          `${who} ${route.method} ${path}: status ${reply.status}${reply.location ? ` → ${reply.location}` : ''}`,
        );
      }
      // Every page the walk sees, with its forms re-shown after an empty post too: a repeated id
      // ties a label, hint or error link to the wrong element.
      const repeated = (reply.headers.get('content-type') ?? '').includes('text/html')
        ? duplicateIds(reply.text)
        : [];
      if (repeated.length > 0) repeatedIds.add(`${route.method} ${route.path}: ${repeated.join(', ')}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.deepEqual([...repeatedIds], [], 'pages with repeated ids');
});

/** The design: which of a person's fields each role sees, on the person's page and in the list. */
type Field = 'name' | 'email' | 'phone' | 'address' | 'answers';
const sees: Record<'administrator' | 'organiser' | 'caller' | 'facilitator' | 'evaluator', Field[]> = {
  administrator: ['name', 'email', 'phone', 'address', 'answers'],
  organiser: ['name', 'email', 'phone', 'address', 'answers'],
  // Callers phone people: name, phone and e-mail; not where they live, not their demographics.
  caller: ['name', 'email', 'phone'],
  facilitator: ['name'],
  evaluator: ['answers'],
};

test('each role sees exactly the personal fields the design gives it', async () => {
  // The demo of this suite is too small for a drawn panel: one volunteer with every contact field
  // is put on it, as a draw would.
  const candidate = await t.database.db
    .selectFrom('people')
    .innerJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .select('people.id')
    .where('people.assembly_id', '=', params.assemblyId)
    .where('people.status', 'in', ['registered', 'selected'])
    .where('person_contacts.address', 'is not', null)
    .where('person_contacts.email', 'is not', null)
    .where('person_contacts.phone', 'is not', null)
    .orderBy('people.reference')
    .executeTakeFirstOrThrow();
  await t.database.db
    .updateTable('people')
    .set({ status: 'selected' })
    .where('id', '=', candidate.id)
    .execute();
  const selected = await t.database.db
    .selectFrom('people')
    .innerJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .selectAll()
    .where('people.assembly_id', '=', params.assemblyId)
    .where('people.status', '=', 'selected')
    .where('person_contacts.address', 'is not', null)
    .where('person_contacts.email', 'is not', null)
    .where('person_contacts.phone', 'is not', null)
    .executeTakeFirstOrThrow();
  const shown = (html: string, field: Field): boolean => {
    const text = html.replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    if (field === 'answers') return text.includes('Answers to the questions');
    const value = { name: selected.full_name, email: selected.email, phone: selected.phone }[
      field as 'name' | 'email' | 'phone'
    ];
    return field === 'address' ? text.includes(selected.address!) : text.includes(value!);
  };
  const wrong: string[] = [];
  for (const [who, fields] of Object.entries(sees) as [keyof typeof sees, Field[]][]) {
    const client = clients.get(who)!;
    const page = await client.get(`/a/${params.assemblyId}/people/${selected.id}`);
    assert.equal(page.status, 200, who);
    const list = await client.get(
      `/a/${params.assemblyId}/people?q=${encodeURIComponent(selected.reference)}`,
    );
    for (const field of ['name', 'email', 'phone', 'address', 'answers'] as Field[]) {
      if (shown(page.text, field) !== fields.includes(field)) wrong.push(`${who} person page: ${field}`);
      // The list never shows the address or answers; names and contacts as on the page.
      const inList = field === 'address' || field === 'answers' ? false : fields.includes(field);
      if (shown(list.text, field) !== inList) wrong.push(`${who} list: ${field}`);
    }
  }
  assert.deepEqual(wrong, []);
});
