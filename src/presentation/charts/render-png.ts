import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { CasesChart } from '../../domain/progress/weekly-progress.js';
import { casesChartOption } from './cases-chart-spec.js';

/** Debian's fonts-noto-cjk (installed by .ci/run when missing); without a CJK font, Chinese renders as boxes. */
export const CJK_FONT = 'Noto Sans CJK SC';

/** Renders an ECharts option on the server: SVG by ECharts SSR, then PNG by resvg. */
export function renderChartPng(option: Record<string, unknown>, o: { width?: number; height?: number; scale?: number } = {}): Buffer {
  const width = o.width ?? 800;
  const height = o.height ?? 450;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption(option);
    svg = chart.renderToSVGString();
  } finally {
    // A chart left alive keeps timers running and the process from exiting.
    chart.dispose();
  }
  const png = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: CJK_FONT, sansSerifFamily: CJK_FONT },
    fitTo: { mode: 'width', value: Math.round(width * (o.scale ?? 2)) },
    background: '#ffffff',
  }).render();
  return png.asPng();
}

/** The weekly cases chart as a PNG (local mode, documents). */
export function renderCasesChartPng(chart: CasesChart): Buffer {
  return renderChartPng(casesChartOption(chart, CJK_FONT));
}
