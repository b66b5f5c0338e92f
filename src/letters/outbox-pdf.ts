/**
 * Messages printed as letters: queued letters, and e-mails that cannot go out because no SMTP server
 * is configured (many members have no e-mail). One A4 page per message: the recipient's name and
 * address, the subject as a heading, the text. A tagged PDF with its language set, so screen readers
 * read it; DejaVu Sans when installed, for names beyond Western European letters.
 */
import type { Language } from '../i18n/i18n.ts';
import { printedDocument } from './printed-document.ts';

export interface PrintedMessage {
  language: Language;
  /** Name and postal address lines; empty when the person has none (kept by hand). */
  addressLines: string[];
  subject: string;
  body: string;
}

export async function outboxLettersPdf(
  messages: readonly PrintedMessage[],
  options: { language: Language; title: string; compress?: boolean },
): Promise<Buffer> {
  const { doc, text, finish } = printedDocument(options);
  for (const m of messages) {
    doc.addPage({ margin: 64 });
    const section = doc.struct('Sect', { lang: m.language });
    doc.addStructure(section);
    if (m.addressLines.length > 0) {
      section.add(
        doc.struct('P', {}, () => {
          doc
            .font('regular')
            .fontSize(11)
            .text(text(m.addressLines.join('\n')), { width: 260 });
        }),
      );
      doc.moveDown(3);
    }
    section.add(
      doc.struct('H1', {}, () => {
        doc.font('bold').fontSize(14).text(text(m.subject));
      }),
    );
    doc.moveDown();
    for (const paragraph of m.body.split(/\n{2,}/)) {
      section.add(
        doc.struct('P', {}, () => {
          doc.font('regular').fontSize(11).text(text(paragraph), { paragraphGap: 8 });
        }),
      );
    }
    section.end();
  }
  return finish();
}
