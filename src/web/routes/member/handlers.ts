/**
 * Assembly members' own page, reached through the personal link the organisers send: what is stored
 * about them (so they can see it and ask for corrections) and what they need to know about the
 * assembly. The link opens a login tied to their record only; it reaches no staff page.
 */

import { idleMinutes, memberLogIn } from '../../../commands/logins.ts';
import { givePublishNameConsent, withdrawConsent } from '../../../commands/people.ts';
import { programmeCalendar } from '../../../domain/member-programme.ts';
import { labelIn } from '../../../domain/questions.ts';
import { type Language, translator } from '../../../i18n/i18n.ts';
import { programmePdf } from '../../../letters/programme-pdf.ts';
import { memberRecord } from '../../../queries/member.ts';
import {
  type MemberProgramme,
  memberEvidenceFile,
  memberProgramme,
  printedProgramme,
  programmeByLinkToken,
} from '../../../queries/member-programme.ts';
import { attachment, keptFileAttachment } from '../../attachment.ts';
import type { Ctx } from '../../env.ts';
import { runAction } from '../../form.ts';
import { siteBase } from '../../mail-delivery.ts';
import { appLimiter, clientAddress } from '../../rate-limit.ts';
import { loginCookie, setSecureCookie } from '../../security.ts';
import { errorPage } from '../../views/errors.tsx';
import { linkTokenSchema, memberNoticeSchema } from './schema.ts';
import { memberPage } from './views.tsx';

function invalidLink(c: Ctx) {
  return errorPage(c, 403, c.var.t('errors.member_link_invalid'));
}

/**
 * Personal-link tokens that do not work, per address, on the link and on the calendar address alike:
 * thirty in a quarter of an hour, then a pause. A member's own link never counts, so she is not
 * paused by using it; a guesser is, long before 192 bits of token could be found.
 */
function linkTries(c: Ctx) {
  const limiter = appLimiter(c, 'member-link', 30, 15 * 60_000);
  const key = clientAddress(c);
  return {
    /** The refusal while paused, else null. */
    paused: async () => {
      const wait = await limiter.retryAfterSeconds(key);
      if (wait <= 0) return null;
      c.header('Retry-After', String(wait));
      return errorPage(c, 429, c.var.t('member_programme.too_many_tries', { minutes: Math.ceil(wait / 60) }));
    },
    failed: () => limiter.hit(key),
  };
}

export async function openLink(c: Ctx) {
  const tries = linkTries(c);
  const paused = await tries.paused();
  if (paused) return paused;
  const token = linkTokenSchema.safeParse(c.req.param('token') ?? '');
  if (!token.success) {
    await tries.failed();
    return invalidLink(c);
  }
  return runAction(c, () => memberLogIn(c.var.config.database, token.data), {
    done: (loginToken) => {
      setSecureCookie(c, loginCookie, loginToken, idleMinutes * 60);
      // Redirected, so the link's token does not stay in the address bar or the browser history.
      return c.redirect('/member', 303);
    },
    refused: async () => {
      await tries.failed();
      return invalidLink(c);
    },
  });
}

export async function showMember(c: Ctx) {
  const record = await memberRecord(c.var.config.database.db, c.var.member.personId);
  if (!record) return invalidLink(c);
  const notice = memberNoticeSchema.parse(c.req.query('notice'));
  const notices = {
    withdrawn: 'member.withdrawn_notice',
    asked: 'requests.asked_notice',
    answered: 'evaluation.answered_notice',
    publish_name: 'member.publish_name_notice',
  } as const;
  return memberPage(c, record, notice ? c.var.t(notices[notice]) : null, Date.now());
}

export async function withdrawSubmit(c: Ctx) {
  // The access check found her on record and set whose session this is, in which assembly.
  const { personId, assemblyId } = c.var.member;
  const run = () =>
    withdrawConsent(
      c.var.config.database,
      { kind: 'person', personId },
      assemblyId,
      personId,
      c.req.param('consentId') ?? '',
    );
  return runAction(c, run, {
    done: () => c.redirect('/member?notice=withdrawn', 303),
    refused: () => errorPage(c, 404, c.var.t('errors.not_found')),
  });
}

/** She lets her name be published (see `givePublishNameConsent`). */
export async function publishNameSubmit(c: Ctx) {
  const { personId, assemblyId } = c.var.member;
  const run = () =>
    givePublishNameConsent(c.var.config.database, { kind: 'person', personId }, assemblyId, personId);
  return runAction(c, run, {
    done: () => c.redirect('/member?notice=publish_name', 303),
    refused: () => errorPage(c, 404, c.var.t('errors.not_found')),
  });
}

function calendarFile(c: Ctx, programme: MemberProgramme, lang: Language) {
  const t = translator(lang);
  const text = programmeCalendar({
    name: t('member_programme.calendar_name', { assembly: labelIn(programme.assembly.title, lang) }),
    // The UIDs carry the host, so a calendar that subscribes keeps one event per session.
    host: new URL(c.req.url).hostname,
    lang,
    labels: {
      directions: t('member_programme.directions'),
      accessibility: t('member_programme.accessibility'),
      online: t('member_programme.online'),
    },
    sessions: programme.sessions,
  });
  return c.body(text, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': 'attachment; filename="programme.ics"',
    // Her programme is hers: no shared cache keeps it.
    'Cache-Control': 'private, no-store',
  });
}

/** The programme as a calendar file, for the member who is logged in through her link. */
export async function programmeCalendarFile(c: Ctx) {
  const programme = await memberProgramme(c.var.config.database.db, c.var.member.personId);
  if (!programme) return errorPage(c, 403, c.var.t('errors.forbidden'));
  return calendarFile(c, programme, c.var.lang);
}

/**
 * The secret subscription address: a calendar app reads it without a login, so the personal-link
 * token in the address is the key. A token that matches no one, or someone who may not see the
 * programme, gets the same 404, so the reply tells nothing about which.
 */
export async function programmeSubscription(c: Ctx) {
  const tries = linkTries(c);
  const paused = await tries.paused();
  if (paused) return paused;
  const token = linkTokenSchema.safeParse(c.req.param('token') ?? '');
  const programme = token.success ? await programmeByLinkToken(c.var.config.database.db, token.data) : null;
  if (!programme) {
    await tries.failed();
    return errorPage(c, 404, c.var.t('errors.not_found'));
  }
  // An address with ?lang= chooses; otherwise her own language, not the calendar app's.
  return calendarFile(c, programme, c.req.query('lang') ? c.var.lang : (programme.language ?? c.var.lang));
}

/**
 * A file of the materials of her programme: only to a confirmed member, only an item a session she
 * can see presents; anything else is the same 404. Sent as an attachment, never shown in the page's
 * origin.
 */
export async function evidenceFileDownload(c: Ctx) {
  const { database, dataDir } = c.var.config;
  const itemId = c.req.param('itemId') ?? '';
  const file = await memberEvidenceFile(database.db, dataDir, c.var.member.personId, itemId);
  if (!file) return errorPage(c, 404, c.var.t('errors.not_found'));
  return keptFileAttachment(c, file);
}

/** Her programme to print, in her language, with her check-in code (a few pages, made at once). */
export async function programmePrintout(c: Ctx) {
  const programme = await printedProgramme(
    c.var.config.database.db,
    { personId: c.var.member.personId },
    siteBase(c),
  );
  if (!programme) return errorPage(c, 403, c.var.t('errors.forbidden'));
  const title = translator(programme.language)('printed_programme.file_title');
  const bytes = await programmePdf([programme], { language: programme.language, title });
  return attachment(c, { name: 'programme.pdf', type: 'application/pdf', bytes });
}
