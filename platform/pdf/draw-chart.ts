import { normalizeHex } from '@/platform/pdf/colors';
import { BLOCK_GAP, COLORS, contentLeft, contentWidth, ensureSpace, FONT_REGULAR, SMALL_SIZE, type Doc } from '@/platform/pdf/page-layout';
import type { BarChart } from '@/platform/pdf/types';

// A grouped bar chart in vector form (the bulletin's domain trend): no server-side chart renderer, no
// image; text stays text (searchable, extractable, in the embedded Chinese font). Bounded: at most
// MAX_SERIES bars per group and MAX_CATEGORIES groups, so a chart never outgrows its fixed height.

export const MAX_SERIES = 8;
export const MAX_CATEGORIES = 12;

const PLOT_HEIGHT = 170;
const Y_AXIS_WIDTH = 40;
const X_LABELS_HEIGHT = 26;
const LEGEND_SWATCH = 8;
const LEGEND_ROW = 14;
const GROUP_GAP = 0.22; // share of a group's width left empty between groups

/** A round step for about five gridlines up to `max`: 1, 2, 5 × 10^k. */
export function niceStep(max: number): number {
  if (max <= 5) return 1;
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power) as number;
}

interface LegendItem {
  label: string;
  colour: string;
  width: number;
}

/** Legend items placed in rows across the width; returns their rows. */
function legendRows(items: LegendItem[], width: number): LegendItem[][] {
  const rows: LegendItem[][] = [[]];
  let used = 0;
  for (const item of items) {
    const w = Math.min(item.width, width);
    if (used > 0 && used + w > width) {
      rows.push([]);
      used = 0;
    }
    rows[rows.length - 1]!.push({ ...item, width: w });
    used += w;
  }
  return rows;
}

function drawAxes(doc: Doc, chart: BarChart, left: number, top: number, width: number, max: number, step: number): void {
  const plotLeft = left + Y_AXIS_WIDTH;
  const bottom = top + PLOT_HEIGHT;
  doc.font(FONT_REGULAR).fontSize(SMALL_SIZE - 1);
  for (let v = 0; v <= max; v += step) {
    const y = bottom - (v / max) * PLOT_HEIGHT;
    doc
      .moveTo(plotLeft, y)
      .lineTo(left + width, y)
      .lineWidth(v === 0 ? 0.8 : 0.4)
      .strokeColor(v === 0 ? COLORS.muted : COLORS.border)
      .stroke();
    doc.fillColor(COLORS.muted).text(String(v), plotLeft - 30, y - 4, { width: 26, align: 'right', lineBreak: false });
  }
  doc.moveTo(plotLeft, top).lineTo(plotLeft, bottom).lineWidth(0.8).strokeColor(COLORS.muted).stroke();
  if (chart.yLabel) {
    // Rotated to run up the axis, as on a printed chart.
    doc.save().rotate(-90, { origin: [left, bottom] });
    doc.fillColor(COLORS.muted).text(chart.yLabel, left, bottom, { width: PLOT_HEIGHT, align: 'center', lineBreak: false });
    doc.restore();
  }
}

function drawBars(doc: Doc, chart: BarChart, plotLeft: number, top: number, plotWidth: number, max: number): void {
  const bottom = top + PLOT_HEIGHT;
  const groupWidth = plotWidth / chart.categories.length;
  const barWidth = (groupWidth * (1 - GROUP_GAP)) / Math.max(chart.series.length, 1);
  const labelSize = Math.max(5, Math.min(7, barWidth * 0.9));
  chart.categories.forEach((category, c) => {
    const groupLeft = plotLeft + c * groupWidth + (groupWidth * GROUP_GAP) / 2;
    chart.series.forEach((s, i) => {
      const value = s.values[c] ?? 0;
      const x = groupLeft + i * barWidth;
      const height = (value / max) * PLOT_HEIGHT;
      if (value > 0) {
        doc.rect(x + 0.5, bottom - height, barWidth - 1, height).fill(normalizeHex(s.colour));
        // The value above its bar, so the chart reads without the table.
        doc
          .font(FONT_REGULAR)
          .fontSize(labelSize)
          .fillColor(COLORS.text)
          .text(String(value), x - 8, bottom - height - labelSize - 1.5, { width: barWidth + 16, align: 'center', lineBreak: false });
      }
    });
    doc
      .font(FONT_REGULAR)
      .fontSize(SMALL_SIZE - 1)
      .fillColor(COLORS.text)
      .text(category, plotLeft + c * groupWidth, bottom + 4, { width: groupWidth, align: 'center', lineBreak: false });
  });
}

function layout(doc: Doc, input: BarChart) {
  const chart: BarChart = {
    ...input,
    categories: input.categories.slice(0, MAX_CATEGORIES),
    series: input.series.slice(0, MAX_SERIES),
  };
  doc.font(FONT_REGULAR).fontSize(SMALL_SIZE);
  const items = chart.series.map((s) => ({
    label: s.label,
    colour: s.colour,
    width: LEGEND_SWATCH + 4 + doc.widthOfString(s.label) + 14,
  }));
  const rows = legendRows(items, contentWidth(doc) - Y_AXIS_WIDTH);
  const xTitle = chart.xLabel ? 12 : 0;
  return { chart, rows, xTitle, height: 10 + PLOT_HEIGHT + X_LABELS_HEIGHT + xTitle + rows.length * LEGEND_ROW };
}

/** The chart's height with its legend, so that a heading above it can be kept on the same page. */
export function barChartHeight(doc: Doc, chart: BarChart): number {
  return layout(doc, chart).height;
}

/** Draws the chart from the current position (moved to the next page if it does not fit), legend below. */
export function drawBarChart(doc: Doc, input: BarChart): void {
  const { chart, rows, xTitle, height } = layout(doc, input);
  const left = contentLeft(doc);
  const width = contentWidth(doc);
  ensureSpace(doc, height);

  const top = doc.y + 10;
  const values = chart.series.flatMap((s) => s.values.slice(0, chart.categories.length));
  const highest = Math.max(0, ...values);
  const step = niceStep(highest);
  // Headroom above the tallest bar for its value label.
  const max = Math.max(step, Math.ceil((highest * 1.08) / step) * step);
  const plotLeft = left + Y_AXIS_WIDTH;
  drawAxes(doc, chart, left, top, width, max, step);
  drawBars(doc, chart, plotLeft, top, width - Y_AXIS_WIDTH, max);

  let y = top + PLOT_HEIGHT + 16;
  if (chart.xLabel) {
    doc.fillColor(COLORS.muted).text(chart.xLabel, plotLeft, y, { width: width - Y_AXIS_WIDTH, align: 'center', lineBreak: false });
    y += xTitle;
  }
  y += X_LABELS_HEIGHT - 16;
  doc.font(FONT_REGULAR).fontSize(SMALL_SIZE);
  for (const row of rows) {
    let x = plotLeft;
    for (const item of row) {
      doc.rect(x, y + 1.5, LEGEND_SWATCH, LEGEND_SWATCH).fill(normalizeHex(item.colour));
      doc.fillColor(COLORS.text).text(item.label, x + LEGEND_SWATCH + 4, y, { width: item.width - LEGEND_SWATCH - 4, lineBreak: false });
      x += item.width;
    }
    y += LEGEND_ROW;
  }
  doc.x = left;
  doc.y = y + BLOCK_GAP;
}
