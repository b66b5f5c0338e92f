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
}

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

/** The chart's SVG markup: one horizontal bar per datum, its number at the end of the bar. */
export function barChartSvg(data: readonly BarDatum[]): string {
  const longest = Math.max(1, ...data.map((d) => d.label.length));
  const marginLeft = Math.min(Math.round(width * 0.45), 12 + Math.ceil(longest * charWidth));
  const marginRight = 12 + 8 * String(Math.max(0, ...data.map((d) => d.value))).length;
  const rows = data.map((d) => ({ label: d.label, value: d.value }));
  const figure = Plot.plot({
    document: plotDocument(),
    className: chartClass,
    figure: false,
    width,
    height: 8 + bandHeight * Math.max(1, rows.length),
    marginTop: 4,
    marginBottom: 4,
    marginLeft,
    marginRight,
    x: { axis: null, domain: [0, Math.max(1, ...rows.map((d) => d.value))] },
    y: { domain: rows.map((d) => d.label), label: null, padding: 0.2 },
    marks: [
      Plot.axisY({
        tickSize: 0,
        label: null,
        lineWidth: (marginLeft - 12) / (fontSize * 0.6),
        textOverflow: 'ellipsis',
      }),
      Plot.barX(rows, { x: 'value', y: 'label', fill: '#0b5394' }),
      Plot.text(rows, {
        x: 'value',
        y: 'label',
        text: (d: BarDatum) => String(d.value),
        dx: 4,
        textAnchor: 'start',
        fill: 'currentColor',
      }),
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
export function BarChart(props: { title: string; data: readonly BarDatum[]; empty?: string; id?: string }) {
  const hasData = props.data.length > 0;
  return (
    <figure class="chart" id={props.id}>
      <figcaption>{props.title}</figcaption>
      {hasData ? raw(barChartSvg(props.data)) : <p>{props.empty ?? ''}</p>}
      {hasData ? (
        <div class="visually-hidden">
          <table>
            <caption>{props.title}</caption>
            <tbody>
              {props.data.map((d) => (
                <tr>
                  <th scope="row">{d.label}</th>
                  <td class="number">{String(d.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </figure>
  );
}
