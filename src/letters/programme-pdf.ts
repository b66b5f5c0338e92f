/**
 * The printed programme, for members without a computer: the whole published programme in large
 * type (when, where, how to get there, accessibility, what it is about, what to bring, materials and
 * experts), whom to ask, and her own check-in QR code. One member's programme per section, so the
 * organisers can print it for everyone without e-mail at once. A tagged PDF with its language set
 * (each section in the member's language), so screen readers read it; DejaVu Sans when installed.
 */
import type { MemberSessionDetails } from '../domain/member-programme.ts';
import { localText, placeLine } from '../domain/member-programme.ts';
import { formatClockIn, formatDayIn } from '../i18n/format.ts';
import { type Language, translator } from '../i18n/i18n.ts';
import type { AssemblySession } from '../repositories/sessions.ts';
import { drawQr, foldForStandardFont } from './letters-pdf.ts';
import { printedDocument } from './printed-document.ts';

export interface PrintedProgramme {
  language: Language;
  /** Her name, printed at the top so the organisers hand the right copy; '' when not known. */
  name: string;
  assemblyTitle: string;
  /** The absolute address her check-in QR code carries. */
  checkInUrl: string;
  contact: { coordinator: string; email: string; phone: string };
  /** Published and cancelled sessions in time order. */
  sessions: readonly AssemblySession[];
  details: Record<string, MemberSessionDetails>;
}

/** Large type: body text at 14 pt, headings at 22 and 17. */
const size = { h1: 22, h2: 17, h3: 15, body: 14 };

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

interface Writer {
  doc: Doc;
  section: Struct;
  text: (s: string) => string;
  heading: (level: 'H1' | 'H2' | 'H3', s: string) => void;
  paragraph: (s: string, lang?: Language) => void;
}

function writer(doc: Doc, section: Struct, useDejaVu: boolean): Writer {
  const text = (s: string) => (useDejaVu ? s : foldForStandardFont(s).text);
  const fontSize = { H1: size.h1, H2: size.h2, H3: size.h3 };
  return {
    doc,
    section,
    text,
    heading(level, s) {
      // A heading is not left alone at the foot of a page.
      if (doc.y > doc.page.height - doc.page.margins.bottom - 4 * size.body) doc.addPage();
      doc.moveDown(level === 'H3' ? 0.4 : 0.8);
      section.add(doc.struct(level, {}, () => doc.font('bold').fontSize(fontSize[level]).text(text(s))));
    },
    paragraph(s, lang) {
      if (!s.trim()) return;
      section.add(
        doc.struct('P', lang ? { lang } : {}, () =>
          doc.font('regular').fontSize(size.body).text(text(s), { paragraphGap: 4, lineGap: 2 }),
        ),
      );
    },
  };
}

function checkInCode(w: Writer, p: PrintedProgramme) {
  const t = translator(p.language);
  const { doc } = w;
  w.heading('H2', t('printed_programme.check_in_heading'));
  w.paragraph(t('printed_programme.check_in_text'));
  const qrSize = 150;
  if (doc.y + qrSize > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y;
  w.section.add(
    doc.struct('Figure', { alt: t('printed_programme.check_in_alt') }, () =>
      drawQr(doc, p.checkInUrl, doc.page.margins.left, top, qrSize),
    ),
  );
  doc.y = top + qrSize + 8;
  doc.x = doc.page.margins.left;
}

function contact(w: Writer, p: PrintedProgramme) {
  const t = translator(p.language);
  w.heading('H2', t('member_details.contact_heading'));
  w.paragraph(
    p.contact.coordinator
      ? t('member_details.contact_name', { name: p.contact.coordinator })
      : t('member_details.contact_organisers'),
  );
  if (p.contact.phone) w.paragraph(t('member_details.call', { phone: p.contact.phone }));
  if (p.contact.email) w.paragraph(t('member_details.write', { email: p.contact.email }));
}

function details(w: Writer, language: Language, shown: MemberSessionDetails) {
  const t = translator(language);
  if (shown.materials.length > 0) {
    w.heading('H3', t('member_details.materials_heading'));
    for (const item of shown.materials) {
      w.paragraph(item.link ? `${item.title}: ${item.link}` : item.title);
      if (item.easyRead) w.paragraph(`${t('member_details.easy_read')} ${item.easyRead}`);
    }
  }
  if (shown.experts.length > 0) {
    w.heading('H3', t('member_details.experts_heading'));
    for (const expert of shown.experts) {
      const interests =
        expert.noneDeclared || !expert.interests.trim()
          ? t('member_details.interests_none')
          : t('member_details.interests', { interests: expert.interests });
      w.paragraph(
        [expert.organisation ? `${expert.name}, ${expert.organisation}.` : `${expert.name}.`, interests].join(
          ' ',
        ),
      );
    }
  }
}

function session(w: Writer, language: Language, s: AssemblySession, shown: MemberSessionDetails) {
  const t = translator(language);
  const title = localText(s.title, language);
  w.heading(
    'H2',
    s.status === 'cancelled' ? `${title.text} (${t('member_programme.cancelled')})` : title.text,
  );
  const when = t('member_programme.when_value', {
    day: formatDayIn(language, s.startsAt, { long: true }),
    from: formatClockIn(language, s.startsAt),
    to: formatClockIn(language, s.endsAt),
  });
  w.paragraph(`${t('member_programme.when')}: ${when}`);
  if (s.status === 'cancelled') {
    w.paragraph(t('member_programme.cancelled_note'));
    return;
  }
  const place = placeLine(s);
  if (place) w.paragraph(`${t('member_programme.where')}: ${place}`);
  if (s.place.directions) w.paragraph(`${t('member_programme.directions')}: ${s.place.directions}`);
  if (s.place.accessibility) w.paragraph(`${t('member_programme.accessibility')}: ${s.place.accessibility}`);
  if (s.onlineLink) w.paragraph(`${t('member_programme.online')}: ${s.onlineLink}`);
  const about = localText(s.about, language);
  if (about.text.trim()) {
    w.heading('H3', t('member_details.about_heading'));
    w.paragraph(about.text, about.lang);
  }
  const bring = localText(s.bring, language);
  w.heading('H3', t('member_details.bring_heading'));
  w.paragraph(bring.text.trim() ? bring.text : t('member_details.bring_nothing'), bring.lang);
  details(w, language, shown);
}

function memberProgramme(doc: Doc, p: PrintedProgramme, useDejaVu: boolean) {
  const t = translator(p.language);
  doc.addPage({ margin: 56 });
  const section = doc.struct('Sect', { lang: p.language });
  doc.addStructure(section);
  const w = writer(doc, section, useDejaVu);
  w.heading('H1', t('printed_programme.title', { assembly: p.assemblyTitle }));
  if (p.name) w.paragraph(t('printed_programme.for', { name: p.name }));
  w.paragraph(t('printed_programme.lead'));
  checkInCode(w, p);
  contact(w, p);
  if (p.sessions.length === 0) w.paragraph(t('member_programme.no_sessions'));
  for (const s of p.sessions)
    session(w, p.language, s, p.details[s.id] ?? { materials: [], experts: [], change: null });
  section.end();
}

/** One member's programme after another, each starting on a new page. */
export async function programmePdf(
  programmes: readonly PrintedProgramme[],
  options: { language: Language; title: string; compress?: boolean },
): Promise<Buffer> {
  const { doc, useDejaVu, finish } = printedDocument(options);
  for (const p of programmes) memberProgramme(doc, p, useDejaVu);
  return finish();
}
