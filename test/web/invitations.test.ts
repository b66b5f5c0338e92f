/**
 * Invite codes made from the invitations page: making more reads only the codes being made, however
 * many exist, and the list for the print house is sent in bounded pages rather than built whole.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { CommandError } from '../../src/commands/command.ts';
import { checkInvitationRoom } from '../../src/commands/invitation-room.ts';
import { createInvitations } from '../../src/commands/people.ts';
import { exceedsInvitationLimit, maxInvitationsPerAssembly } from '../../src/domain/invite-code.ts';
import { countInvitations } from '../../src/repositories/invitations.ts';
import { adminEmail, createTestAssembly, startTestApp, type TestApp, TestClient } from '../support/web.ts';

let t: TestApp;
let assemblyId: string;

before(async () => {
  t = await startTestApp();
  assemblyId = await createTestAssembly(t);
  await createInvitations(t.database, t.adminActor, assemblyId, 12_000);
});
after(() => t.close());

/** Counts the rows the database hands back. */
class RowCounter implements KyselyPlugin {
  rows = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.rows += args.result.rows.length;
    return args.result;
  }
}

test('making a few more codes reads only those, not every code the assembly has', async () => {
  const counter = new RowCounter();
  const codes = await createInvitations(
    { ...t.database, db: t.database.db.withPlugin(counter) },
    t.adminActor,
    assemblyId,
    5,
  );
  assert.equal(codes.length, 5);
  assert.ok(counter.rows < 100, `read ${counter.rows} rows to make 5 codes among 12,000`);
});

test('the list of codes is sent in pages, not built whole in memory', async () => {
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const response = await admin.getResponse(`/a/${assemblyId}/invitations.csv`);
  assert.equal(response.status, 200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const pieces: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pieces.push(decoder.decode(value, { stream: true }));
  }
  const text = pieces.join('');
  const lines = text.split('\r\n');
  assert.equal(lines[0], '\uFEFFcode,created_at,used');
  assert.equal(lines.length, 1 + 12_005 + 1, 'a header, every code, a final line break');
  assert.equal(new Set(lines.slice(1, -1).map((l) => l.split(',')[0])).size, 12_005);
  // No piece holds more than a page of codes (and the heading).
  const largest = Math.max(...pieces.map((p) => p.split('\r\n').length));
  assert.ok(pieces.length > 2 && largest <= 5_002, `${pieces.length} pieces, the largest ${largest} lines`);
});

test('an assembly holds no more codes than its limit, whichever way they are made', async () => {
  const { total } = await countInvitations(t.database.db, assemblyId);
  const max = total + 100;
  await checkInvitationRoom(t.database.db, assemblyId, 100, max);
  await assert.rejects(checkInvitationRoom(t.database.db, assemblyId, 101, max), (error: unknown) => {
    assert.ok(error instanceof CommandError);
    assert.equal(error.code, 'invitation_total');
    assert.deepEqual(error.params, { max, existing: total, left: 100 });
    return true;
  });
  // The limit every command uses leaves room for several large draws, and is reached at last.
  assert.equal(exceedsInvitationLimit(total, 1_000_000), false);
  assert.equal(exceedsInvitationLimit(maxInvitationsPerAssembly, 1), true);
});
