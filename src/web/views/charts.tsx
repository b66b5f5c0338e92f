/**
 * Small bar charts drawn on the server: Observable Plot renders into a linkedom document, so pages
 * need no JavaScript to show them. The Content-Security-Policy forbids inline styles, so Plot's
 * `<style>` element and any `style` attribute are removed (app.css has the equivalent rules under
 * `.chart svg`). The picture is hidden from assistive technology; a visually hidden table beside it
 * carries the same numbers.
 */
import * as Plot from '@observablehq/plot';
import { raw } from 'hono/html';
import { parseHTML } from 'linkedom';

export interface BarDatum {
  label: string;
  value: number;
  /** The value as the page words it (a percentage with a decimal comma, say); the bare number otherwise. */
  text?: string;
}

const datumText = (d: BarDatum) => d.text ?? String(d.value);

const chartClass = 'lotta-plot';
const fontSize = 14;
/** Rough width of a character at fontSize, to leave room for the labels left of the bars. */
const charWidth = 7.8;
const width = 340;
const bandHeight = 30;

let shared: Document | null = null;
function plotDocument(): Document {
  shared ??= parseHTML('<!doctype html><html><head></head><body></body></html>')
    .document as unknown as Document;
  return shared;
}

/** Drops what `style-src 'self'` would block: style elements and style attributes. */
function withoutInlineStyles(svg: Element): void {
  for (const element of [...svg.querySelectorAll('style')]) element.remove();
  svg.removeAttribute('style');
  for (const element of [...svg.querySelectorAll('[style]')]) element.removeAttribute('style');
}

/** Rough width of a label character, on the generous side: a label drawn wider than it is estimated is cut off at the chart's left edge. */
const labelCharWidth = 8.4;
/** The most of the width the labels left of the bars may take; longer labels wrap onto more lines. */
const labelShare = 0.45;
const lineHeight = 1.15;

/**
 * A label broken into lines of at most `maxChars` characters, at spaces where it can be; a word
 * longer than a line is broken inside.
 */
export function wrapLabel(label: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > maxChars) {
      if (line) lines.push(line);
      lines.push(rest.slice(0, maxChars));
      rest = rest.slice(maxChars);
      line = '';
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= maxChars) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * The chart's SVG markup: one horizontal bar per datum, its number at the end of the bar. The room
 * left of the bars comes from the measured length of the longest label; a label that would need more
 * than its share of the width wraps onto several lines, and the rows grow to hold them, so that no
 * label is cut off at the chart's edge.
 */
export function barChartSvg(data: readonly BarDatum[], threshold?: number): string {
  const gap = 12;
  const longest = Math.max(1, ...data.map((d) => d.label.length));
  const room = Math.min(Math.round(width * labelShare) - gap, Math.ceil(longest * labelCharWidth));
  const maxChars = Math.max(4, Math.floor(room / labelCharWidth));
  const lines = new Map(data.map((d) => [d.label, wrapLabel(d.label, maxChars)]));
  const mostLines = Math.max(1, ...[...lines.values()].map((l) => l.length));
  const band = Math.max(bandHeight, Math.ceil(mostLines * fontSize * lineHeight + 12));
  const marginLeft = gap + room;
  const marginRight = 12 + 8 * Math.max(1, ...data.map((d) => datumText(d).length));
  const rows = data.map((d) => ({ label: d.label, value: d.value, text: datumText(d) }));
  const figure = Plot.plot({
    document: plotDocument(),
    className: chartClass,
    figure: false,
    width,
    height: 8 + band * Math.max(1, rows.length),
    marginTop: 4,
    marginBottom: 4,
    marginLeft,
    marginRight,
    x: { axis: null, domain: [0, Math.max(1, threshold ?? 0, ...rows.map((d) => d.value))] },
    y: { domain: rows.map((d) => d.label), label: null, padding: 0.2 },
    marks: [
      Plot.axisY({
        tickSize: 0,
        label: null,
        // Wrapped here rather than by Plot, whose line width is in ems of its own estimate.
        tickFormat: (label: string) => (lines.get(label) ?? [label]).join('\n'),
        lineWidth: Number.POSITIVE_INFINITY,
      }),
      Plot.barX(rows, { x: 'value', y: 'label', fill: '#0b5394' }),
      Plot.text(rows, {
        x: 'value',
        y: 'label',
        text: (d: BarDatum) => datumText(d),
        dx: 4,
        textAnchor: 'start',
        fill: 'currentColor',
      }),
      // A vote's threshold line: the least support that adopts, drawn across the bars.
      threshold === undefined
        ? null
        : Plot.ruleX([threshold], { stroke: '#9c4a00', strokeWidth: 3, strokeDasharray: '6,3' }),
    ],
  }) as unknown as Element;
  const svg = figure.tagName.toLowerCase() === 'svg' ? figure : figure.querySelector('svg')!;
  withoutInlineStyles(svg);
  svg.setAttribute('font-size', String(fontSize));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.removeAttribute('aria-label');
  return svg.outerHTML;
}

/**
 * A figure with its caption, the bars, and a table with the same numbers for screen readers. `empty`
 * is shown instead of the bars when there is nothing to count.
 */
export function BarChart(props: {
  title: string;
  data: readonly BarDatum[];
  empty?: string;
  id?: string;
  /** A line across the bars at this value (a vote's threshold), named in words beside the chart. */
  threshold?: { value: number; label: string };
}) {
  const hasData = props.data.length > 0;
  return (
    <figure class="chart" id={props.id}>
      <figcaption>{props.title}</figcaption>
      {hasData ? raw(barChartSvg(props.data, props.threshold?.value)) : <p>{props.empty ?? ''}</p>}
      {hasData && props.threshold ? <p class="chart-threshold">{props.threshold.label}</p> : null}
      {hasData ? (
        <div class="visually-hidden">
          <table>
            <caption>{props.title}</caption>
            <tbody>
              {props.data.map((d) => (
                <tr>
                  <th scope="row">{d.label}</th>
                  <td class="number">{datumText(d)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </figure>
  );
}

/** One category of a grouped chart: a value per series, null where the series has none. */
export interface GroupedBarRow {
  label: string;
  values: (number | null)[];
}

/** Series colours: distinguishable, and each at least 4.5:1 against white like the text beside them. */
const seriesColours = ['#0b5394', '#9c4a00', '#2e6b1a', '#6d1f4f'];
const groupedBar = 14;
const groupedGap = 3;
const groupedLabel = 20;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A grouped horizontal bar chart as SVG markup: a legend, then per category its label and one bar
 * per series with the formatted number at its end. Drawn by hand rather than with Plot, because the
 * label above each group needs no left margin and so suits a phone's width.
 */
export function groupedBarChartSvg(
  series: readonly string[],
  rows: readonly GroupedBarRow[],
  format: (value: number) => string = String,
): string {
  const valueRoom =
    12 +
    charWidth * Math.max(3, ...rows.flatMap((r) => r.values.map((v) => (v === null ? 1 : format(v).length))));
  const barRoom = width - valueRoom;
  const top = Math.max(...rows.flatMap((r) => r.values.map((v) => v ?? 0)), 0) || 1;
  const parts: string[] = [];
  let y = 4;
  // Legend entries and group labels run the full width; longer ones wrap rather than being cut off.
  const lineStep = Math.ceil(fontSize * lineHeight);
  const textLines = (x: number, top: number, lines: string[], attributes = '') =>
    `<text x="${x}" y="${top}" fill="currentColor"${attributes}>${lines
      .map((line, i) => `<tspan x="${x}"${i === 0 ? '' : ` dy="${lineStep}"`}>${escapeXml(line)}</tspan>`)
      .join('')}</text>`;
  series.forEach((name, s) => {
    const colour = seriesColours[s % seriesColours.length];
    const lines = wrapLabel(name, Math.floor((width - 20) / labelCharWidth));
    parts.push(`<rect x="0" y="${y}" width="14" height="14" fill="${colour}"></rect>`);
    parts.push(textLines(20, y + 12, lines));
    y += 20 + (lines.length - 1) * lineStep;
  });
  y += 8;
  for (const row of rows) {
    const lines = wrapLabel(row.label, Math.floor(width / labelCharWidth));
    parts.push(textLines(0, y + 14, lines, ' font-weight="600"'));
    y += groupedLabel + (lines.length - 1) * lineStep;
    row.values.forEach((value, s) => {
      const colour = seriesColours[s % seriesColours.length];
      const length = value === null ? 0 : Math.max(value > 0 ? 1 : 0, (value / top) * barRoom);
      if (length > 0) {
        parts.push(
          `<rect x="0" y="${y}" width="${length.toFixed(1)}" height="${groupedBar}" fill="${colour}"></rect>`,
        );
      }
      const text = value === null ? '–' : format(value);
      parts.push(
        `<text x="${(length + 4).toFixed(1)}" y="${y + groupedBar - 2}" fill="currentColor">${escapeXml(text)}</text>`,
      );
      y += groupedBar + groupedGap;
    });
    y += 8;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" class="${chartClass}" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-size="${fontSize}" aria-hidden="true" focusable="false">${parts.join('')}</svg>`;
}

/**
 * A figure comparing several series per category (population, pool, target, …), with a table of the
 * same numbers for screen readers. `format` writes a number in the page's language.
 */
export function GroupedBarChart(props: {
  title: string;
  series: readonly string[];
  rows: readonly GroupedBarRow[];
  format?: (value: number) => string;
  /** Heading of the table's first column (what the categories are). */
  category?: string;
  empty?: string;
  id?: string;
}) {
  const format = props.format ?? String;
  const hasData = props.rows.length > 0;
  return (
    <figure class="chart" id={props.id}>
      <figcaption>{props.title}</figcaption>
      {hasData ? raw(groupedBarChartSvg(props.series, props.rows, format)) : <p>{props.empty ?? ''}</p>}
      {hasData ? (
        <div class="visually-hidden">
          <table>
            <caption>{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{props.category ?? ''}</th>
                {props.series.map((name) => (
                  <th scope="col">{name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr>
                  <th scope="row">{row.label}</th>
                  {row.values.map((value) => (
                    <td class="number">{value === null ? '–' : format(value)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </figure>
  );
}
