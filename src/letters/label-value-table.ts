/**
 * Labels and values side by side in a tagged PDF: a two-column table whose labels head their rows
 * (TH with row scope), so that a screen reader says which label each value belongs to. Used by the
 * representativeness report and the final report, which differ only in fonts, sizes and widths.
 */

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
// pdfkit writes the scope of header cells (/A << /O /Table /Scope … >>); its types do not list it.
const rowHeader = { scope: 'Row' } as Parameters<Doc['struct']>[1];

export interface LabelValueStyle {
  /** Left edge of the labels, and the bottom margin a row must stay above. */
  margin: number;
  labelWidth: number;
  labelFont: string;
  valueFont: string;
  labelSize: number;
  valueSize: number;
  ink: string;
  /** A text as the document's font can show it. */
  text?: (s: string) => string;
}

export function labelValueTable(
  doc: Doc,
  parent: Struct,
  rows: [string, string][],
  style: LabelValueStyle,
): void {
  const text = style.text ?? ((s: string) => s);
  const { margin, labelWidth } = style;
  const valueWidth = doc.page.width - 2 * margin - labelWidth;
  const table = doc.struct('Table');
  parent.add(table);
  for (const [label, value] of rows) {
    const height = Math.max(
      doc
        .font(style.labelFont)
        .fontSize(style.labelSize)
        .heightOfString(text(label), { width: labelWidth - 10 }),
      doc.font(style.valueFont).fontSize(style.valueSize).heightOfString(text(value), { width: valueWidth }),
    );
    if (doc.y + height + 4 > doc.page.height - margin) doc.addPage();
    const y = doc.y;
    const row = doc.struct('TR');
    table.add(row);
    row.add(
      doc.struct('TH', rowHeader, () => {
        doc
          .font(style.labelFont)
          .fontSize(style.labelSize)
          .fillColor(style.ink)
          .text(text(label), margin, y, { width: labelWidth - 10 });
      }),
    );
    row.add(
      doc.struct('TD', {}, () => {
        doc
          .font(style.valueFont)
          .fontSize(style.valueSize)
          .text(text(value), margin + labelWidth, y, { width: valueWidth });
      }),
    );
    row.end();
    doc.y = y + height + 4;
  }
  table.end();
  doc.x = margin;
  doc.moveDown(0.4);
}
