import type { Locale } from '../types.js';
import { escapeHtml } from './escape.js';
import { LABELS } from './labels.js';

/** What one layout varies on; everything else is a per-email value. */
export interface LayoutShape {
  locale: Locale;
  /** One flag per product block: whether it has an image. */
  images: boolean[];
  hasPreferences: boolean;
}

/** Per-email values, already HTML-escaped (or placeholder tokens when compiling a template). */
export interface LayoutValues {
  subject: string;
  preheader: string;
  greeting: string;
  intro: string;
  products: { imageUrl: string; title: string; price: string; blurb: string; url: string }[];
  callToAction: string;
  storeUrl: string;
  storeName: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
  postalAddress: string;
}

export function layoutKey(shape: LayoutShape): string {
  return `${shape.locale}|${shape.images.map((i) => (i ? '1' : '0')).join('')}|${shape.hasPreferences ? 'p' : '-'}`;
}

const FONT = "Helvetica, Arial, 'PingFang SC', 'Microsoft YaHei', sans-serif";

function productBlock(p: LayoutValues['products'][number], hasImage: boolean, view: string): string {
  const image = hasImage
    ? `<mj-column width="35%"><mj-image src="${p.imageUrl}" alt="${p.title}" href="${p.url}" width="160px" border-radius="6px" /></mj-column>`
    : '';
  return `
    <mj-section padding="8px 16px" background-color="#ffffff">
      ${image}
      <mj-column width="${hasImage ? '65%' : '100%'}">
        <mj-text font-size="16px" font-weight="bold" padding-bottom="2px">${p.title}</mj-text>
        <mj-text font-size="15px" color="#b3261e" padding-top="0" padding-bottom="4px">${p.price}</mj-text>
        <mj-text font-size="14px" color="#444444">${p.blurb}</mj-text>
        <mj-button href="${p.url}" align="left" background-color="#222222" color="#ffffff" border-radius="4px" font-size="14px">${view}</mj-button>
      </mj-column>
    </mj-section>`;
}

/** The MJML document for a shape, with the given (escaped or placeholder) values in place. */
export function buildMjml(shape: LayoutShape, v: LayoutValues): string {
  const labels = LABELS[shape.locale];
  const products = v.products
    .map((p, i) => productBlock(p, shape.images[i] ?? false, escapeHtml(labels.viewProduct)))
    .join('');
  const preferences = shape.hasPreferences
    ? ` &middot; <a href="${v.preferencesUrl}" style="color:#777777">${escapeHtml(labels.preferences)}</a>`
    : '';
  return `<mjml lang="${shape.locale}">
  <mj-head>
    <mj-title>${v.subject}</mj-title>
    <mj-preview>${v.preheader}</mj-preview>
    <mj-attributes>
      <mj-all font-family="${FONT}" />
      <mj-text line-height="1.5" color="#222222" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f4f4f4" width="600px">
    <mj-section padding="24px 16px 8px" background-color="#ffffff">
      <mj-column>
        <mj-text font-size="20px" font-weight="bold"><a href="${v.storeUrl}" style="color:#222222;text-decoration:none">${v.storeName}</a></mj-text>
        <mj-text font-size="16px">${v.greeting}</mj-text>
        <mj-text font-size="16px">${v.intro}</mj-text>
      </mj-column>
    </mj-section>${products}
    <mj-section padding="16px" background-color="#ffffff">
      <mj-column>
        <mj-button href="${v.storeUrl}" background-color="#b3261e" color="#ffffff" border-radius="4px" font-size="16px">${v.callToAction}</mj-button>
      </mj-column>
    </mj-section>
    <mj-section padding="16px">
      <mj-column>
        <mj-text font-size="12px" color="#777777" align="center">${escapeHtml(labels.whyReceived)} ${v.storeName}.</mj-text>
        <mj-text font-size="12px" color="#777777" align="center"><a href="${v.unsubscribeUrl}" style="color:#777777">${escapeHtml(labels.unsubscribe)}</a>${preferences}</mj-text>
        <mj-text font-size="12px" color="#777777" align="center">${v.postalAddress}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}
