/**
 * Messages printed as letters: queued letters, and e-mails that cannot go out because no SMTP server
 * is configured (many members have no e-mail). One A4 page per message: the recipient's name and
 * address, the subject as a heading, the text. A tagged PDF with its language set, so screen readers
 * read it; DejaVu Sans when installed, for names beyond Western European letters.
 */
import PDFDocument from 'pdfkit';
import type { Language } from '../i18n/i18n.ts';
import { foldForStandardFont, systemFontAvailable } from './letters-pdf.ts';

export interface PrintedMessage {
  language: Language;
  /** Name and postal address lines; empty when the person has none (kept by hand). */
  addressLines: string[];
  subject: string;
  body: string;
}

const dejaVu = {
  regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
};

export async function outboxLettersPdf(
  messages: readonly PrintedMessage[],
  options: { language: Language; title: string; compress?: boolean },
): Promise<Buffer> {
  const useDejaVu = systemFontAvailable();
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    compress: options.compress ?? true,
    tagged: true,
    lang: options.language,
    displayTitle: true,
    info: { Title: options.title, Producer: 'Lotta', Creator: 'Lotta' },
  });
  doc.registerFont('letter', useDejaVu ? dejaVu.regular : 'Helvetica');
  doc.registerFont('letter-bold', useDejaVu ? dejaVu.bold : 'Helvetica-Bold');
  const text = (s: string) => (useDejaVu ? s : foldForStandardFont(s).text);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (const m of messages) {
    doc.addPage({ margin: 64 });
    const section = doc.struct('Sect', { lang: m.language });
    doc.addStructure(section);
    if (m.addressLines.length > 0) {
      section.add(
        doc.struct('P', {}, () => {
          doc
            .font('letter')
            .fontSize(11)
            .text(text(m.addressLines.join('\n')), { width: 260 });
        }),
      );
      doc.moveDown(3);
    }
    section.add(
      doc.struct('H1', {}, () => {
        doc.font('letter-bold').fontSize(14).text(text(m.subject));
      }),
    );
    doc.moveDown();
    for (const paragraph of m.body.split(/\n{2,}/)) {
      section.add(
        doc.struct('P', {}, () => {
          doc.font('letter').fontSize(11).text(text(paragraph), { paragraphGap: 8 });
        }),
      );
    }
    section.end();
  }
  if (messages.length === 0) doc.addPage();
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
