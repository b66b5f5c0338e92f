/**
 * One way for every form through its handler: read the fields, parse them with the route's zod
 * schema, call the one command, and turn whatever refuses them — a schema issue or the command's
 * `CommandError` — into messages next to the fields (or in the summary), with everything typed kept.
 * Handlers say only what to run, where to go on success and which page shows the form again.
 */
import type { z } from 'zod';
import { CommandError } from '../commands/command.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { Ctx } from './env.ts';
import { fieldErrors } from './validation.ts';
import type { FieldErrors, FormValues } from './views/forms.tsx';

/** What a refused form shows again: what was typed and why it was refused. */
export interface FormFailure {
  values: FormValues;
  errors: FieldErrors;
  /**
   * The command's refusal, when it was the command that refused (not the schema): for the handler
   * whose answer depends on which refusal it is, e.g. a 404 page for `not_found` instead of the form.
   */
  refusal?: CommandError;
}

/**
 * The posted fields as typed: a field named in `lists` keeps all its values (checkboxes, multiple
 * choice), any other its first; files are left out. The body was admitted by the request pipeline
 * within the route's allowance, so this reads nothing new from the network.
 */
export async function readForm(c: Ctx, lists: readonly string[] = []): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf') continue;
    const texts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (lists.includes(name)) values[name] = texts;
    else if (texts.length > 0) values[name] = texts[0];
  }
  for (const name of lists) values[name] ??= [];
  return values;
}

/**
 * A command's refusal as field errors: its message (and any further refusals of the same field) next
 * to the field it names, or in the form's summary (`_form`) when it names none.
 */
export function refusalErrors(t: Translate, error: CommandError): FieldErrors {
  const messages = [error, ...error.also].map((r) => t(`errors.${r.code}`, r.params));
  return { [error.field ?? '_form']: messages.join(' ') };
}

/** A command's refusal as one sentence, for a page or notice that has no form to put it next to. */
export function refusalText(t: Translate, error: CommandError): string {
  return refusalErrors(t, error)[error.field ?? '_form'];
}

export interface FormSubmission<S extends z.ZodType, R> {
  schema: S;
  /** The fields, when the handler read them itself; otherwise read with `readForm(c, lists)`. */
  values?: FormValues;
  /** Fields that keep all their values (see `readForm`). */
  lists?: readonly string[];
  /** Filled into every message, e.g. `{ max: 1000 }` for a limit the schema does not name. */
  messageParams?: Record<string, string | number>;
  /** The one command the form runs, with the parsed fields. */
  run: (data: z.output<S>, values: FormValues) => Promise<R>;
  /** After the command: usually a redirect (post/redirect/get). */
  done: (result: R) => Response | Promise<Response>;
  /** The form again, with what was typed and the errors. */
  failed: (failure: FormFailure) => Response | Promise<Response>;
}

/**
 * Parses, runs and answers one form. Any error other than a `CommandError` is a fault, not a refusal,
 * and goes on to the app's error handler.
 */
export async function submitForm<S extends z.ZodType, R>(
  c: Ctx,
  form: FormSubmission<S, R>,
): Promise<Response> {
  const values = form.values ?? (await readForm(c, form.lists));
  const parsed = form.schema.safeParse(values);
  if (!parsed.success)
    return form.failed({ values, errors: fieldErrors(parsed.error, c.var.t, form.messageParams) });
  let result: R;
  try {
    result = await form.run(parsed.data, values);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return form.failed({ values, errors: refusalErrors(c.var.t, error), refusal: error });
  }
  return form.done(result);
}

/**
 * Runs a command behind a button (no fields to keep): a refusal becomes a sentence for the page that
 * shows it, anything else goes on to the app's error handler.
 */
export async function runAction<R>(
  c: Ctx,
  run: () => Promise<R>,
  answer: {
    done: (result: R) => Response | Promise<Response>;
    refused: (message: string, error: CommandError) => Response | Promise<Response>;
  },
): Promise<Response> {
  let result: R;
  try {
    result = await run();
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return answer.refused(refusalText(c.var.t, error), error);
  }
  return answer.done(result);
}
