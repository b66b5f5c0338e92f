/**
 * The organisers' rules for a session's tables: keep two members apart, fix a member to a table in a
 * round, remove a rule; and unlock the last locked round when it was locked by mistake.
 */
import { addSeatingRule, removeSeatingRule, unlockSeatingRound } from '../../../../commands/seating-rules.ts';
import { staffActor } from '../../../actor.ts';
import type { Ctx } from '../../../env.ts';
import { runAction, submitForm } from '../../../form.ts';
import { apartSchema, fixedSchema } from '../schema.ts';
import { done, renderSeating } from './plan.tsx';

const sessionOf = (c: Ctx) => c.req.param('sessionId') ?? '';

export function submitApart(c: Ctx) {
  return submitForm(c, {
    schema: apartSchema,
    run: (data) =>
      addSeatingRule(c.var.config.database, staffActor(c), c.var.assembly.id, sessionOf(c), {
        kind: 'apart',
        person: data.apart_a,
        other: data.apart_b,
      }),
    done: done(c, 'rule_added'),
    failed: ({ values, errors }) => renderSeating(c, { ...values, form: 'apart' }, errors),
  });
}

export function submitFixed(c: Ctx) {
  return submitForm(c, {
    schema: fixedSchema,
    run: (data) =>
      addSeatingRule(c.var.config.database, staffActor(c), c.var.assembly.id, sessionOf(c), {
        kind: 'fixed',
        person: data.fixed_person,
        round: data.fixed_round,
        table: data.fixed_table,
      }),
    done: done(c, 'rule_added'),
    failed: ({ values, errors }) => renderSeating(c, { ...values, form: 'fixed' }, errors),
  });
}

export function submitRemoveRule(c: Ctx) {
  return runAction(
    c,
    () =>
      removeSeatingRule(
        c.var.config.database,
        staffActor(c),
        c.var.assembly.id,
        sessionOf(c),
        c.req.param('ruleId') ?? '',
      ),
    {
      done: done(c, 'rule_removed'),
      refused: (message) => renderSeating(c, { form: 'rules' }, { _form: message }),
    },
  );
}

export function submitUnlock(c: Ctx) {
  return runAction(
    c,
    () => unlockSeatingRound(c.var.config.database, staffActor(c), c.var.assembly.id, sessionOf(c)),
    {
      done: done(c, 'unlocked'),
      refused: (message) => renderSeating(c, { form: 'day' }, { _form: message }),
    },
  );
}
