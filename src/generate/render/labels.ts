import type { Locale } from '../types.js';

/** Fixed words of the layout; they are baked into the compiled template per locale. */
export interface LayoutLabels {
  viewProduct: string;
  unsubscribe: string;
  preferences: string;
  off: (discount: string) => string;
  whyReceived: string;
}

export const LABELS: Record<Locale, LayoutLabels> = {
  en: {
    viewProduct: 'View product',
    unsubscribe: 'Unsubscribe',
    preferences: 'Email preferences',
    off: (d) => `${d} off`,
    whyReceived: 'You are receiving this email because you signed up for news from',
  },
  'zh-CN': {
    viewProduct: '查看商品',
    unsubscribe: '退订',
    preferences: '邮件偏好设置',
    off: (d) => `优惠${d}`,
    whyReceived: '你收到这封邮件，是因为你订阅了以下商店的资讯：',
  },
};
