/**
 * The privacy notice volunteers read before they sign up, and the organisers' contact details shown
 * wherever a volunteer is told to get in touch (thank-you page, a code already used, their own page).
 */

import {
  controllerOf,
  hasContact,
  type PrivacySettings,
  type PrivacyTextField,
} from '../../domain/privacy-notice.ts';
import { labelIn } from '../../domain/questions.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { Assembly } from '../../repositories/assemblies.ts';
import type { Ctx } from '../env.ts';
import { formatDate } from './time.ts';

type NoticeAssembly = Pick<Assembly, 'title' | 'commissioner' | 'coordinator' | 'ends_on' | 'privacy'>;

/** The notice's text for a field in the page language: the organiser's own, or the standard text. */
export function privacyText(c: Ctx, assembly: NoticeAssembly, field: PrivacyTextField): string {
  const own = assembly.privacy.texts[field][c.var.lang]?.trim();
  if (own) return own;
  return standardPrivacyText(c.var.t, c.var.lang, assembly, field);
}

/**
 * The standard text the notice shows for a field the organisers left empty, in `language` (the
 * settings page shows it for each language, whatever the page language).
 */
export function standardPrivacyText(
  t: Translate,
  language: string,
  assembly: Pick<NoticeAssembly, 'title' | 'ends_on'>,
  field: PrivacyTextField,
): string {
  const title = labelIn(assembly.title, language).trim() || t('privacy.this_assembly');
  switch (field) {
    case 'purpose':
      return t('privacy.default_purpose', { assembly: title });
    case 'legal_basis':
      return t('privacy.default_legal_basis');
    case 'retention': {
      if (!assembly.ends_on) return t('privacy.default_retention');
      // A plain date has no time zone: noon UTC keeps it on the same day in Sweden.
      const date = formatDate(language, assembly.ends_on.slice(0, 10));
      return t('privacy.default_retention_until', { date });
    }
    case 'more':
      return '';
  }
}

/** The contact in one line, for messages: "Åre kommun, info@are.se, 0647-161 00". */
export function contactLine(assembly: NoticeAssembly): string {
  const s = assembly.privacy;
  return [controllerOf(s, assembly), s.email, s.phone, s.address.replace(/\s*\n\s*/g, ', ')]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');
}

function Paragraphs(props: { text: string }) {
  return (
    <>
      {props.text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => (
          <p>{p}</p>
        ))}
    </>
  );
}

function ContactFacts(props: { c: Ctx; assembly: NoticeAssembly; settings: PrivacySettings }) {
  const { c, assembly, settings } = props;
  const t = c.var.t;
  const controller = controllerOf(settings, assembly);
  return (
    <dl class="facts">
      {controller ? (
        <>
          <dt>{t('privacy.organisation')}</dt>
          <dd>{controller}</dd>
        </>
      ) : null}
      {settings.email.trim() ? (
        <>
          <dt>{t('privacy.email')}</dt>
          <dd>
            <a href={`mailto:${settings.email.trim()}`}>{settings.email.trim()}</a>
          </dd>
        </>
      ) : null}
      {settings.phone.trim() ? (
        <>
          <dt>{t('privacy.phone')}</dt>
          <dd>
            <a href={`tel:${settings.phone.replace(/[^\d+]/g, '')}`}>{settings.phone.trim()}</a>
          </dd>
        </>
      ) : null}
      {settings.address.trim() ? (
        <>
          <dt>{t('privacy.address')}</dt>
          <dd>
            {settings.address
              .trim()
              .split(/\s*\n\s*/)
              .map((line, i) => (i === 0 ? line : [<br />, line]))}
          </dd>
        </>
      ) : null}
      {hasContact(settings) ? null : (
        <>
          <dt>{t('privacy.contact_person')}</dt>
          <dd>{assembly.coordinator.trim() || t('privacy.contact_missing')}</dd>
        </>
      )}
    </dl>
  );
}

/** How to reach the organisers, under its own heading. */
export function OrganiserContact(props: { c: Ctx; assembly: NoticeAssembly; id?: string }) {
  const { c, assembly } = props;
  const id = props.id ?? 'organiser-contact';
  return (
    <section aria-labelledby={id} class="organiser-contact">
      <h2 id={id}>{c.var.t('privacy.contact_heading')}</h2>
      <ContactFacts c={c} assembly={assembly} settings={assembly.privacy} />
    </section>
  );
}

/** The whole notice, in the page language, with headings one level below `level`. */
export function PrivacyNotice(props: {
  c: Ctx;
  assembly: NoticeAssembly;
  level?: 2 | 3;
  /** For someone who has already signed up (their own page), not someone about to. */
  signedUp?: boolean;
}) {
  const { c, assembly } = props;
  const t = c.var.t;
  const settings = assembly.privacy;
  const H = props.level === 3 ? 'h3' : 'h2';
  const Sub = props.level === 3 ? 'h4' : 'h3';
  const more = privacyText(c, assembly, 'more');
  return (
    <section class="privacy-notice" id="privacy" aria-labelledby="privacy-heading">
      <H id="privacy-heading">{t('privacy.heading')}</H>
      <p>{props.signedUp ? t('privacy.intro_member') : t('privacy.intro')}</p>
      <Sub>{t('privacy.controller_heading')}</Sub>
      <ContactFacts c={c} assembly={assembly} settings={settings} />
      <Sub>{t('privacy.purpose_heading')}</Sub>
      <Paragraphs text={privacyText(c, assembly, 'purpose')} />
      <Sub>{t('privacy.legal_basis_heading')}</Sub>
      <Paragraphs text={privacyText(c, assembly, 'legal_basis')} />
      <Sub>{t('privacy.kept_heading')}</Sub>
      <p>{t('privacy.kept')}</p>
      <Paragraphs text={privacyText(c, assembly, 'retention')} />
      <Sub>{t('privacy.rights_heading')}</Sub>
      <p>{t('privacy.rights_intro')}</p>
      <ul>
        <li>{t('privacy.right_access')}</li>
        <li>{t('privacy.right_rectification')}</li>
        <li>{t('privacy.right_erasure')}</li>
        <li>{t('privacy.right_withdraw')}</li>
        <li>
          {t('privacy.right_complain')}{' '}
          <a href="https://www.imy.se" rel="external">
            {t('privacy.imy_link')}
          </a>
        </li>
      </ul>
      <p>{t('privacy.rights_how')}</p>
      {more ? (
        <>
          <Sub>{t('privacy.more_heading')}</Sub>
          <Paragraphs text={more} />
        </>
      ) : null}
    </section>
  );
}
