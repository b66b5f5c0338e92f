/**
 * Walks every route of the app with a fixed set of bad values — empty, very long, control and
 * lone-surrogate characters, right-to-left marks, emoji, numbers out of range, impossible dates,
 * repeated fields — in every path parameter, every query parameter the routes read and every form
 * field the pages show, as an administrator (and as a member for the member's routes), on SQLite and
 * PostgreSQL. No answer may be a 5xx, and none may show a stack trace.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDemo } from '../../src/commands/demo.ts';
import { issueMemberLink } from '../../src/commands/people.ts';
import { findAssemblyBySlug } from '../../src/repositories/assemblies.ts';
import { listConsents, listPeople } from '../../src/repositories/people.ts';
import { allRoutes } from '../../src/web/app.ts';
import type { Route } from '../../src/web/routing.ts';
import {
  adminEmail,
  createStaff,
  type Reply,
  startTestApp,
  type TestApp,
  TestClient,
} from '../support/web.ts';

/** Values sent in form fields (as text, percent-encoded by the form encoder). */
const badValues: string[] = [
  '',
  ' ',
  'x'.repeat(20_000),
  '\u0000',
  'a\u0000b',
  '\u0001\u001b[31m',
  '\u202eevil\u202c',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '-1',
  '0',
  '1.5',
  '1e9',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '9007199254740993',
  '99999999999999999999999',
  '2026-02-30',
  '99999-01-01',
  '0000-00-00',
  '%',
  '%00',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '__proto__',
  'constructor',
  '../../etc/passwd',
];

/**
 * Raw, already percent-encoded values for the address: these include byte sequences no form encoder
 * makes (a lone surrogate's UTF-8 bytes, a cut multi-byte character, a stray percent sign).
 */
const rawQueryValues: string[] = [
  ...badValues.filter((v) => v.length < 100 && !v.includes('\u0000')).map(encodeURIComponent),
  'x'.repeat(20_000),
  '%ED%A0%80',
  '%F0%9F',
  '%E2%80%AE',
  '%',
  '%zz',
];

/** Every query parameter any route reads. */
const queryNames = [
  'page',
  'q',
  'status',
  'answer',
  'filter',
  'saved',
  'outcome',
  'base',
  'language',
  'notice',
  'done',
  'code',
  'next',
  'resume',
  'lang',
  'added',
  'against',
  'created',
  'unchanged',
  'uploaded',
];

/** Values put in path parameters in place of a real id. */
const badIds = [
  '0',
  '-1',
  '1e309',
  'x'.repeat(2_000),
  '00000000-0000-0000-0000-000000000000',
  '%ED%A0%80',
  '%E2%80%AE',
  encodeURIComponent('👩‍👩‍👧'),
  encodeURIComponent("' OR 1=1 --"),
  '__proto__',
];

interface World {
  t: TestApp;
  admin: TestClient;
  member: TestClient;
  params: Record<string, string>;
  fieldNames: string[];
  /** Each form the pages show, by where it posts: its fields as a browser would send them. */
  forms: Map<string, [string, string][]>;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The post forms of a page with the values a browser would send unchanged. */
function formsOf(html: string): [string, [string, string][]][] {
  const out: [string, [string, string][]][] = [];
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = form[1];
    if (!/method="post"/.test(attrs)) continue;
    const action = /action="([^"]*)"/.exec(attrs)?.[1];
    if (!action) continue;
    const fields: [string, string][] = [];
    for (const input of form[2].matchAll(/<input\b([^>]*)>/g)) {
      const a = input[1];
      const name = /name="([^"]*)"/.exec(a)?.[1];
      if (!name || name === '_csrf') continue;
      const type = /type="([^"]*)"/.exec(a)?.[1] ?? 'text';
      if ((type === 'checkbox' || type === 'radio') && !/checked=""/.test(a)) continue;
      if (type === 'file' || type === 'submit') continue;
      fields.push([unescapeHtml(name), unescapeHtml(/value="([^"]*)"/.exec(a)?.[1] ?? '')]);
    }
    for (const area of form[2].matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = /name="([^"]*)"/.exec(area[1])?.[1];
      if (name) fields.push([unescapeHtml(name), unescapeHtml(area[2])]);
    }
    for (const select of form[2].matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = /name="([^"]*)"/.exec(select[1])?.[1];
      const chosen = /<option[^>]*value="([^"]*)"[^>]*selected=""/.exec(select[2])?.[1] ?? '';
      if (name) fields.push([unescapeHtml(name), unescapeHtml(chosen)]);
    }
    out.push([unescapeHtml(action), fields]);
  }
  return out;
}

async function buildWorld(kind: 'sqlite' | 'postgres'): Promise<World> {
  const t = await startTestApp({ kind });
  await loadDemo(t.database, 40);
  const assembly = (await findAssemblyBySlug(t.database.db, 'demo-klimatradet'))!;
  const people = await listPeople(t.database.db, {
    assemblyId: assembly.id,
    searchContacts: false,
    limit: 40,
    offset: 0,
  });
  const params: Record<string, string> = {
    assemblyId: assembly.id,
    slug: assembly.slug,
    personId: people.items[0].id,
    consentId: (await listConsents(t.database.db, people.items[0].id))[0].id,
    accountId: await createStaff(t, 'bystander@lotta.test'),
    token: 'not-a-real-link',
    language: 'sv',
    registerId: 'none',
    drawId: 'none',
    runId: 'none',
  };
  const admin = new TestClient(t.app);
  await admin.logIn(adminEmail);
  const member = new TestClient(t.app);
  const token = await issueMemberLink(t.database, t.adminActor, assembly.id, people.items[1].id);
  await member.get(`/m/${token}`);

  // The form fields are the names the pages show, gathered from every page the administrator opens.
  const names = new Set<string>();
  const forms = new Map<string, [string, string][]>();
  for (const route of allRoutes) {
    if (route.method !== 'GET' || route.access.kind === 'member') continue;
    const page = await admin.get(fill(route.path, params));
    for (const [action, fields] of formsOf(page.text)) if (!forms.has(action)) forms.set(action, fields);
    for (const m of page.text.matchAll(/name="([^"]+)"/g)) names.add(m[1].replace(/&amp;/g, '&'));
  }
  names.delete('_csrf');
  return { t, admin, member, params, fieldNames: [...names].sort(), forms };
}

function fill(path: string, params: Record<string, string>, bad?: { name: string; value: string }): string {
  return path.replace(/:(\w+)/g, (_, name: string) => (bad?.name === name ? bad.value : params[name]));
}

/** A short reason when the reply is a failure: a 5xx or a stack trace in the page. */
function failure(reply: Reply): string | null {
  if (reply.status >= 500) return `status ${reply.status}`;
  if (/\n\s+at .+:\d+:\d+/.test(reply.text) || /node:internal|\.tsx?:\d+:\d+/.test(reply.text))
    return 'stack trace';
  return null;
}

/** Routes the walk leaves out: they end the login it walks with. */
function walked(route: Route): boolean {
  return route.path !== '/logout' && route.path !== '/login' && route.path !== '/login/totp';
}

async function walk(world: World): Promise<string[]> {
  const { admin, member, params, fieldNames } = world;
  const failures: string[] = [];
  const note = (what: string, reply: Reply) => {
    const why = failure(reply);
    if (why) failures.push(`${what}: ${why}`);
  };
  for (const route of allRoutes.filter(walked)) {
    const client = route.access.kind === 'member' ? member : admin;
    const path = fill(route.path, params);
    const label = `${route.method} ${route.path}`;
    // Bad ids in each path parameter.
    for (const name of [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1])) {
      for (const value of badIds) {
        const bad = fill(route.path, params, { name, value });
        const reply = route.method === 'GET' ? await client.get(bad) : await client.post(bad, {});
        note(`${label} :${name}=${value.slice(0, 20)}`, reply);
      }
    }
    if (route.method === 'GET') {
      for (const value of rawQueryValues) {
        const query = queryNames.map((n) => `${n}=${value}`).join('&');
        note(`${label} ?…=${value.slice(0, 20)}`, await client.get(`${path}?${query}`));
      }
      // Every parameter repeated, and the page asked for as an htmx fragment.
      const repeated = queryNames.flatMap((n) => [`${n}=1`, `${n}=2`, `${n}[]=3`]).join('&');
      note(`${label} repeated`, await client.get(`${path}?${repeated}`));
      note(`${label} htmx`, await client.get(`${path}?q=%ED%A0%80&page=-1`, { 'hx-request': 'true' }));
    } else {
      for (const value of badValues) {
        const fields = Object.fromEntries(fieldNames.map((n) => [n, value]));
        note(`${label} fields=${JSON.stringify(value.slice(0, 20))}`, await client.post(path, fields));
      }
      const repeated = Object.fromEntries(fieldNames.map((n) => [n, ['1', '2', '']]));
      note(`${label} repeated fields`, await client.post(path, repeated));
      // Many distinct fields, as a form that was never shown.
      const many = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`f${i}`, '1']));
      note(`${label} many fields`, await client.post(path, many));
    }
  }
  // The walk proves something only if the administrator was logged in all along.
  const still = await admin.get('/admin/accounts');
  if (still.status !== 200) failures.push(`administrator no longer logged in: ${still.status}`);
  return failures;
}

/** Values put in one field at a time of a form otherwise sent as shown. */
const oneFieldValues = ['x'.repeat(20_000), 'a\u0000b', '99999999999999999999', '2026-02-30'];
/** Fields tried per form: long forms (targets, questions) repeat one pattern of fields many times. */
const fieldsPerForm = 16;

/** Each form as the page shows it, with one field at a time holding a bad value. */
async function walkForms(world: World): Promise<string[]> {
  const { admin, params, forms } = world;
  const failures: string[] = [];
  for (const route of allRoutes.filter(walked)) {
    if (route.method !== 'POST' || route.access.kind === 'member') continue;
    const path = fill(route.path, params);
    const fields = forms.get(path);
    if (!fields) continue;
    const names = [...new Set(fields.map(([n]) => n))];
    const step = Math.max(1, Math.ceil(names.length / fieldsPerForm));
    for (const name of names.filter((_, i) => i % step === 0)) {
      for (const value of oneFieldValues) {
        const sent: Record<string, string[]> = {};
        for (const [n, v] of fields) {
          sent[n] ??= [];
          sent[n].push(n === name ? value : v);
        }
        const reply = await admin.post(path, sent);
        const why = failure(reply);
        if (why)
          failures.push(
            `${route.method} ${route.path} ${name}=${JSON.stringify(value.slice(0, 20))}: ${why}`,
          );
      }
    }
  }
  return failures;
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`bad input on every route (${kind})`, () => {
    let world: World;
    before(async () => {
      world = await buildWorld(kind);
    });
    after(() => world.t.close());

    test('no route answers a bad value with a 5xx or a stack trace', async () => {
      assert.deepEqual(await walk(world), []);
    });

    test('no form answers one bad field among good ones with a 5xx or a stack trace', async () => {
      assert.deepEqual(await walkForms(world), []);
    });
  });
}
