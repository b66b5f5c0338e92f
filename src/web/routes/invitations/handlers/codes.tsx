/**
 * Invite codes for the letters: how many exist and are used, making more, and the list of codes as a
 * CSV file for the print house (UTF-8 with a byte-order mark, so Excel reads åäö right). Letters drawn
 * from a population register are the lottery's (draws.tsx), linked from here.
 */
import { createInvitations } from '../../../../commands/people.ts';
import { csvDialectFor, csvStream } from '../../../../io/csv-writer.ts';
import {
  type InvitationListRow,
  invitationCodes,
  invitationCounts,
} from '../../../../queries/invitations.ts';
import { staffActor } from '../../../actor.ts';
import type { Ctx } from '../../../env.ts';
import { type FormFailure, submitForm } from '../../../form.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { invitationsPath } from '../paths.ts';
import { createCodesSchema } from '../schema.ts';
import { CodesPage } from '../views/codes.tsx';

async function codesPage(c: Ctx, form: FormFailure = { values: {}, errors: {} }) {
  const t = c.var.t;
  const counts = await invitationCounts(c.var.config.database, c.var.assembly.id);
  const created = Number(c.req.query('created'));
  const notice =
    Number.isInteger(created) && created > 0 && c.req.method === 'GET'
      ? t('invitations.created_notice', { count: created })
      : null;
  const status = Object.keys(form.errors).length > 0 ? 422 : 200;
  return renderAssemblyPage(
    c,
    'invitations',
    t('invitations.title'),
    <CodesPage c={c} counts={counts} form={form} />,
    {
      notice,
      status,
    },
  );
}

export function codesShow(c: Ctx) {
  return codesPage(c);
}

export function codesCreate(c: Ctx) {
  return submitForm(c, {
    schema: createCodesSchema,
    run: ({ count }) => createInvitations(c.var.config.database, staffActor(c), c.var.assembly.id, count),
    done: (codes) => c.redirect(`${invitationsPath(c)}?created=${codes.length}`, 303),
    failed: (failure) => codesPage(c, failure),
  });
}

/** Codes read and sent at a time: the list can hold a million codes, memory holds one page. */
const csvPageSize = 5_000;

export function codesCsv(c: Ctx) {
  const database = c.var.config.database;
  const assemblyId = c.var.assembly.id;
  let after: InvitationListRow | null = null;
  let done = false;
  const nextRows = async () => {
    if (done) return null;
    const rows = await invitationCodes(database, assemblyId, after, csvPageSize);
    done = rows.length < csvPageSize;
    after = rows.at(-1) ?? after;
    return rows.map((r) => [r.code, new Date(r.created_at), r.used_at ? 'yes' : 'no']);
  };
  const body = csvStream(['code', 'created_at', 'used'], nextRows, csvDialectFor(c.var.lang));
  const slug = c.var.assembly.slug.replace(/[^A-Za-z0-9-]/g, '-');
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="invitations-${slug}.csv"`,
    'Cache-Control': 'no-store',
  });
}
