import type { MapText } from './MapLayerProvider';

/** The four risk colours (GB/T 四色), worst first, with the CSS colour drawn. */
export const RISK_COLOURS: { key: string; css: string; label: MapText }[] = [
  { key: 'red', css: '#e53935', label: { zh: '重大风险（红）', en: 'Major (red)' } },
  { key: 'orange', css: '#fb8c00', label: { zh: '较大风险（橙）', en: 'Significant (orange)' } },
  { key: 'yellow', css: '#fdd835', label: { zh: '一般风险（黄）', en: 'General (yellow)' } },
  { key: 'blue', css: '#1e88e5', label: { zh: '低风险（蓝）', en: 'Low (blue)' } },
];

/** The CSS colour of a risk colour key (grey when unknown). */
export const riskCss = (key: string | undefined): string => RISK_COLOURS.find((c) => c.key === key)?.css ?? '#9e9e9e';

/** The worst of some risk colour keys (undefined when none is known). */
export function worstRisk(keys: Iterable<string | undefined>): string | undefined {
  let best = RISK_COLOURS.length;
  for (const k of keys) {
    const i = RISK_COLOURS.findIndex((c) => c.key === k);
    if (i >= 0 && i < best) best = i;
  }
  return RISK_COLOURS[best]?.key;
}

/** The legend of a layer coloured by risk. */
export const riskLegend = RISK_COLOURS.map((c) => ({ colour: c.css, label: c.label }));
