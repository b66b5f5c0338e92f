import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { z } from 'zod';
import { CommandError } from '../commands/command.ts';
import { translator } from '../i18n/i18n.ts';
import type { Ctx, WebEnv } from './env.ts';
import { readForm, runAction, submitForm } from './form.ts';

/** A tiny app with one form, answering with what the pipeline handed to each outcome. */
function formApp(run: (data: { name: string; kinds: string[] }) => Promise<string>) {
  const app = new Hono<WebEnv>();
  app.use(async (c, next) => {
    c.set('t', translator('en'));
    await next();
  });
  const schema = z.object({
    name: z.string().trim().min(1, 'required').max(5, 'too_long'),
    kinds: z.array(z.string()),
  });
  app.post('/form', (c) =>
    submitForm(c as Ctx, {
      schema,
      lists: ['kinds'],
      run: (data) => run(data),
      done: (result) => c.json({ done: result }),
      failed: (failure) => c.json(failure, 422),
    }),
  );
  app.post('/read', async (c) => c.json(await readForm(c as Ctx, ['kinds'])));
  app.post('/button', (c) =>
    runAction(c as Ctx, () => run({ name: 'x', kinds: [] }), {
      done: (result) => c.json({ done: result }),
      refused: (message) => c.json({ message }, 409),
    }),
  );
  return app;
}

function post(app: Hono<WebEnv>, path: string, fields: [string, string][]) {
  return app.request(path, { method: 'POST', body: new URLSearchParams(fields) });
}

test('a form that parses runs its command once and answers with its result', async () => {
  const seen: unknown[] = [];
  const app = formApp(async (data) => {
    seen.push(data);
    return 'ok';
  });
  const reply = await post(app, '/form', [
    ['name', ' Åsa '],
    ['kinds', 'a'],
    ['kinds', 'b'],
  ]);
  assert.equal(reply.status, 200);
  assert.deepEqual(await reply.json(), { done: 'ok' });
  assert.deepEqual(seen, [{ name: 'Åsa', kinds: ['a', 'b'] }]);
});

test('a schema issue comes back next to its field, with everything typed kept, and runs nothing', async () => {
  let runs = 0;
  const app = formApp(async () => {
    runs++;
    return 'ok';
  });
  const reply = await post(app, '/form', [
    ['name', 'far too long'],
    ['kinds', 'a'],
  ]);
  assert.equal(reply.status, 422);
  const body = (await reply.json()) as { values: Record<string, unknown>; errors: Record<string, string> };
  assert.deepEqual(body.values, { name: 'far too long', kinds: ['a'] });
  assert.deepEqual(Object.keys(body.errors), ['name']);
  assert.match(body.errors.name, /5/);
  assert.equal(runs, 0);
});

test("a command's refusal comes back next to the field it names, or in the summary", async () => {
  const onField = formApp(async () => {
    throw new CommandError('too_long', 'name', { max: 3 });
  });
  const reply = await post(onField, '/form', [['name', 'abc']]);
  assert.equal(reply.status, 422);
  const body = (await reply.json()) as { values: Record<string, unknown>; errors: Record<string, string> };
  assert.deepEqual(body.values, { name: 'abc', kinds: [] });
  assert.deepEqual(Object.keys(body.errors), ['name']);
  const onForm = formApp(async () => {
    throw new CommandError('not_found');
  });
  const summary = (await (await post(onForm, '/form', [['name', 'abc']])).json()) as { errors: object };
  assert.deepEqual(Object.keys(summary.errors), ['_form']);
});

test('the failed form learns which refusal it was, and a schema issue is no refusal', async () => {
  const seen: (string | undefined)[] = [];
  const app = new Hono<WebEnv>();
  app.use(async (c, next) => {
    c.set('t', translator('en'));
    await next();
  });
  app.post('/form', (c) =>
    submitForm(c as Ctx, {
      schema: z.object({ name: z.string().min(1, 'required') }),
      run: async () => {
        throw new CommandError('wrong_password', 'name');
      },
      done: () => c.json({}),
      failed: (failure) => {
        seen.push(failure.refusal?.code);
        return c.json({}, 422);
      },
    }),
  );
  await post(app, '/form', [['name', '']]);
  await post(app, '/form', [['name', 'abc']]);
  assert.deepEqual(seen, [undefined, 'wrong_password']);
});

test("each of a command's further refusals comes back next to its own field, in the command's order", async () => {
  const app = formApp(async () => {
    throw new CommandError('too_long', 'name', { max: 3 }, [
      { code: 'required', field: 'kinds', params: {} },
      { code: 'control_characters', params: {} },
      { code: 'not_found', field: '_form', params: {} },
    ]);
  });
  const body = (await (await post(app, '/form', [['name', 'abc']])).json()) as {
    errors: Record<string, string>;
  };
  assert.deepEqual(Object.keys(body.errors), ['name', 'kinds', '_form']);
  // A further refusal without a field of its own belongs to the first's.
  assert.match(body.errors.name, /at most 3 characters\. Remove the invisible control character/);
  assert.equal(body.errors.kinds, 'Fill in this field.');
});

test('the handler is told which refusal it was (a schema issue is none), e.g. to answer 404', async () => {
  const app = new Hono<WebEnv>();
  app.use(async (c, next) => {
    c.set('t', translator('en'));
    await next();
  });
  const schema = z.object({ name: z.string().min(1, 'required') });
  app.post('/form', (c) =>
    submitForm(c as Ctx, {
      schema,
      run: async () => {
        throw new CommandError('not_found');
      },
      done: () => c.text('done'),
      failed: (failure) => c.text(failure.refusal?.code ?? 'schema', failure.refusal ? 404 : 422),
    }),
  );
  const gone = await post(app, '/form', [['name', 'abc']]);
  assert.equal(gone.status, 404);
  assert.equal(await gone.text(), 'not_found');
  const empty = await post(app, '/form', [['name', '']]);
  assert.equal(empty.status, 422);
  assert.equal(await empty.text(), 'schema');
});

test('a fault that is not a refusal is not dressed up as one', async () => {
  const app = formApp(async () => {
    throw new Error('disk full');
  });
  const reply = await post(app, '/form', [['name', 'abc']]);
  assert.equal(reply.status, 500);
  assert.equal((await post(app, '/button', [])).status, 500);
});

test('a button whose command refuses gets the refusal as a sentence', async () => {
  const app = formApp(async () => {
    throw new CommandError('not_found');
  });
  const reply = await post(app, '/button', []);
  assert.equal(reply.status, 409);
  const { message } = (await reply.json()) as { message: string };
  assert.equal(message, translator('en')('errors.not_found'));
});

test('reading a form keeps the first of a repeated single field and drops the CSRF token', async () => {
  const app = formApp(async () => 'ok');
  const reply = await post(app, '/read', [
    ['_csrf', 'secret'],
    ['name', 'first'],
    ['name', 'second'],
  ]);
  assert.deepEqual(await reply.json(), { name: 'first', kinds: [] });
});
