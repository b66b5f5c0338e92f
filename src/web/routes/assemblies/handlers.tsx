/**
 * The assembly area's handlers: each reads its form or address through the area's schemas, runs one
 * command or query and renders a page or redirects.
 */
import {
  configureQuestions,
  createAssembly,
  grantRole,
  revokeRole,
  setPhase,
  updateAssembly,
} from '../../../commands/assemblies.ts';
import { hasContact } from '../../../domain/privacy-notice.ts';
import { can } from '../../../domain/roles.ts';
import { assemblyOverview, assemblyTeam, staffAssemblies } from '../../../queries/assemblies.ts';
import { listQuestions } from '../../../repositories/assemblies.ts';
import { listAudit } from '../../../repositories/audit.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { readForm, runAction, submitForm } from '../../form.ts';
import { siteBase } from '../../mail-delivery.ts';
import { noticeIn, pageNumber } from '../../validation.ts';
import {
  commandField,
  editedForm,
  parseQuestions,
  questionErrorTexts,
  questionValues,
} from './questions-form.ts';
import {
  assemblyFields,
  assemblyLists,
  assemblyMessageParams,
  assemblyNotices,
  assemblySchema,
  assemblyValues,
  newAssemblyValues,
  phaseSchema,
  teamSchema,
} from './schema.ts';
import { editAssemblyPage, newAssemblyPage } from './views/assembly-form.tsx';
import { auditPage } from './views/audit.tsx';
import { assemblyListPage } from './views/list.tsx';
import { overviewPage } from './views/overview.tsx';
import { questionsPage } from './views/questions.tsx';
import { teamPage } from './views/team.tsx';

/** Entries of the audit log on one page. */
const auditPageSize = 100;

export async function showAssemblies(c: Ctx) {
  const account = c.var.auth!.account!;
  const assemblies = await staffAssemblies(c.var.config.database, account.id, account.is_admin === 1);
  return assemblyListPage(c, { assemblies, notice: noticeIn(c, 'assembly', assemblyNotices) });
}

export function showNewAssembly(c: Ctx) {
  return newAssemblyPage(c, newAssemblyValues);
}

export function submitNewAssembly(c: Ctx) {
  return submitForm(c, {
    schema: assemblySchema,
    lists: assemblyLists,
    messageParams: assemblyMessageParams,
    run: (data) => createAssembly(c.var.config.database, staffActor(c), assemblyFields(data)),
    done: (id) => c.redirect(`/a/${id}?notice=created`, 303),
    failed: ({ values, errors }) => newAssemblyPage(c, values, errors),
  });
}

export async function showOverview(c: Ctx) {
  const a = c.var.assembly;
  return overviewPage(c, {
    overview: await assemblyOverview(c.var.config.database, a.id),
    canEdit: can(c.var.role, 'assembly:edit'),
    hasContact: hasContact(a.privacy),
    registerUrl: `${siteBase(c)}/register`,
    notice: noticeIn(c, 'assembly', assemblyNotices),
  });
}

export function showEditAssembly(c: Ctx) {
  return editAssemblyPage(c, assemblyValues(c.var.assembly));
}

export function submitEditAssembly(c: Ctx) {
  const id = c.var.assembly.id;
  return submitForm(c, {
    schema: assemblySchema,
    lists: assemblyLists,
    messageParams: assemblyMessageParams,
    run: (data) => updateAssembly(c.var.config.database, staffActor(c), id, assemblyFields(data)),
    done: () => c.redirect(`/a/${id}?notice=saved`, 303),
    failed: ({ values, errors }) => editAssemblyPage(c, values, errors),
  });
}

/** The phase switch has no messages of its own: anything but a known phase leaves the page as it was. */
export function submitPhase(c: Ctx) {
  const id = c.var.assembly.id;
  return submitForm(c, {
    schema: phaseSchema,
    run: (data) =>
      setPhase(c.var.config.database, staffActor(c), id, data.phase, data.registration_open === '1'),
    done: () => c.redirect(`/a/${id}?notice=saved`, 303),
    failed: () => c.redirect(`/a/${id}`, 303),
  });
}

export async function showQuestions(c: Ctx) {
  return questionsPage(c, questionValues(await listQuestions(c.var.config.database.db, c.var.assembly.id)));
}

export async function submitQuestions(c: Ctx) {
  const t = c.var.t;
  const values = await readForm(c);
  // The row and question buttons only change the form; nothing is saved until "Save".
  const edited = editedForm(values);
  if (edited) return questionsPage(c, edited);
  const { questions, errors, blocks } = parseQuestions(values);
  if (Object.keys(errors).length > 0) return questionsPage(c, values, questionErrorTexts(t, errors));
  const database = c.var.config.database;
  const id = c.var.assembly.id;
  return runAction(c, () => configureQuestions(database, staffActor(c), id, questions), {
    done: async () =>
      questionsPage(c, questionValues(await listQuestions(database.db, id)), {}, t('questions.saved')),
    refused: (message, error) => questionsPage(c, values, { [commandField(error.field, blocks)]: message }),
  });
}

const teamOf = (c: Ctx) => assemblyTeam(c.var.config.database, c.var.assembly.id, c.var.role);

export async function showTeam(c: Ctx) {
  return teamPage(c, await teamOf(c));
}

export function submitTeamMember(c: Ctx) {
  return submitForm(c, {
    schema: teamSchema,
    run: (data) => grantRole(c.var.config.database, staffActor(c), c.var.assembly.id, data.email, data.role),
    done: async () => teamPage(c, await teamOf(c), { notice: c.var.t('team.added') }),
    failed: async ({ values, errors }) => teamPage(c, await teamOf(c), { values, errors }),
  });
}

export function removeTeamMember(c: Ctx) {
  const id = c.var.assembly.id;
  return runAction(
    c,
    () => revokeRole(c.var.config.database, staffActor(c), id, c.req.param('accountId') ?? ''),
    {
      done: () => c.redirect(`/a/${id}/team`, 303),
      refused: async (message) => teamPage(c, await teamOf(c), { errors: { _form: message } }),
    },
  );
}

export async function showAudit(c: Ctx) {
  const page = pageNumber(c.req.query('page'));
  const events = await listAudit(c.var.config.database.db, {
    assemblyId: c.var.assembly.id,
    limit: auditPageSize,
    offset: (page - 1) * auditPageSize,
  });
  return auditPage(c, events, page);
}
