/**
 * Invite codes for the letters: how many exist and are used, making more, and the list of codes as a
 * CSV file for the print house (UTF-8 with a byte-order mark, so Excel reads åäö right). Letters drawn
 * from a population register are in invitation-draws.tsx, linked from here.
 */
import { z } from 'zod';
import { CommandError } from '../../commands/command.ts';
import { createInvitations } from '../../commands/people.ts';
import { csvDialectFor, csvLine } from '../../io/csv-writer.ts';
import { countInvitations, type InvitationListRow, invitationPage } from '../../repositories/invitations.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { needs, type Route } from '../routing.ts';
import { renderAssemblyPage } from '../views/assembly-frame.tsx';
import { Csrf, ErrorSummary, type FieldErrors, SubmitButton, TextField } from '../views/forms.tsx';
import { formatNumber } from '../views/time.ts';

const maxCount = 100_000;

const createSchema = z.object({ count: z.string().trim().max(20).catch('') });

function invitationsBase(c: Ctx): string {
  return `/a/${c.var.assembly.id}/invitations`;
}

async function invitationsPage(
  c: Ctx,
  form: { count: string; errors: FieldErrors } = { count: '', errors: {} },
) {
  const t = c.var.t;
  const counts = await countInvitations(c.var.config.database.db, c.var.assembly.id);
  const created = Number(c.req.query('created'));
  const notice =
    Number.isInteger(created) && created > 0 && c.req.method === 'GET'
      ? t('invitations.created_notice', { count: created })
      : null;
  const hasErrors = Object.keys(form.errors).length > 0;
  const base = invitationsBase(c);
  return renderAssemblyPage(
    c,
    'invitations',
    t('invitations.title'),
    <>
      <p>{t('invitations.lead')}</p>
      <dl class="facts" id="invitation-counts">
        <dt>{t('invitations.total')}</dt>
        <dd>{String(counts.total)}</dd>
        <dt>{t('invitations.used')}</dt>
        <dd>{String(counts.used)}</dd>
        <dt>{t('invitations.unused')}</dt>
        <dd>{String(counts.total - counts.used)}</dd>
      </dl>
      <section aria-labelledby="invitations-lottery">
        <h2 id="invitations-lottery">{t('lottery.open_lottery')}</h2>
        <p>{t('lottery.open_lottery_text')}</p>
        <p>
          <a class="button" href={`${base}/lottery`}>
            {t('lottery.open_lottery')}
          </a>
        </p>
      </section>
      {counts.total > 0 ? (
        <section aria-labelledby="invitations-download">
          <h2 id="invitations-download">{t('invitations.download_heading')}</h2>
          <p>{t('invitations.download_text')}</p>
          <p>
            <a class="button secondary" href={`${base}.csv`} download>
              {t('invitations.download')}
            </a>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="invitations-create">
        <h2 id="invitations-create">{t('invitations.create_heading')}</h2>
        <form method="post" action={base} class="stack narrow" novalidate>
          <Csrf c={c} />
          <ErrorSummary
            title={t('errors.summary')}
            errors={form.errors}
            labels={{ count: t('invitations.count') }}
          />
          <TextField
            name="count"
            type="number"
            inputmode="numeric"
            min={1}
            max={maxCount}
            label={t('invitations.count')}
            hint={t('invitations.count_hint', {
              max: formatNumber(c, maxCount),
            })}
            value={form.count}
            error={form.errors.count}
            required
          />
          <SubmitButton label={t('invitations.create')} />
        </form>
      </section>
    </>,
    { notice, status: hasErrors ? 422 : 200 },
  );
}

async function createSubmit(c: Ctx) {
  const t = c.var.t;
  const { count } = createSchema.parse(await c.req.parseBody());
  if (!/^\d+$/.test(count)) {
    return invitationsPage(c, {
      count,
      errors: { count: t(count ? 'errors.number_invalid' : 'errors.required') },
    });
  }
  try {
    const codes = await createInvitations(
      c.var.config.database,
      staffActor(c),
      c.var.assembly.id,
      Number.parseInt(count, 10),
    );
    return c.redirect(`${invitationsBase(c)}?created=${codes.length}`, 303);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return invitationsPage(c, {
      count,
      errors: { [error.field ?? '_form']: t(`errors.${error.code}`, error.params) },
    });
  }
}

/** Codes read and sent at a time: the list can hold a million codes, memory holds one page. */
const csvPageSize = 5_000;

function csvDownload(c: Ctx) {
  const db = c.var.config.database.db;
  const assemblyId = c.var.assembly.id;
  const dialect = csvDialectFor(c.var.lang);
  const encoder = new TextEncoder();
  let after: InvitationListRow | null = null;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const head = started ? '' : `\uFEFF${csvLine(['code', 'created_at', 'used'], dialect)}\r\n`;
      started = true;
      const rows = await invitationPage(db, assemblyId, after, csvPageSize);
      const lines = rows.map(
        (r) => `${csvLine([r.code, new Date(r.created_at), r.used_at ? 'yes' : 'no'], dialect)}\r\n`,
      );
      if (head || lines.length > 0) controller.enqueue(encoder.encode(head + lines.join('')));
      if (rows.length < csvPageSize) controller.close();
      else after = rows[rows.length - 1];
    },
  });
  const slug = c.var.assembly.slug.replace(/[^A-Za-z0-9-]/g, '-');
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="invitations-${slug}.csv"`,
    'Cache-Control': 'no-store',
  });
}

export const invitationRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/invitations',
    tab: { key: 'invitations', phase: 'recruitment' },
    access: needs('invitations:manage'),
    handler: (c) => invitationsPage(c),
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/invitations',
    access: needs('invitations:manage'),
    handler: createSubmit,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/invitations.csv',
    access: needs('invitations:manage'),
    handler: csvDownload,
  },
];
