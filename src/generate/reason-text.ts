import type { ReasonCode } from './composer/phrase-bank.js';
import type { Locale } from './types.js';

export type { ReasonCode };

const TEXT: Record<Locale, Record<ReasonCode, (title?: string) => string>> = {
  en: {
    trigger: () => 'Still in your cart',
    similar_to_viewed: (t) => (t ? `Because you viewed ${t}` : 'Picked for you'),
    similar_to_bought: (t) => (t ? `Goes well with your ${t}` : 'Picked for you'),
    segment_popular: () => 'Popular with shoppers like you',
    popular: () => 'A customer favourite',
    category: () => 'From a category you love',
  },
  'zh-CN': {
    trigger: () => '还在您的购物车里',
    similar_to_viewed: (t) => (t ? `因为您浏览过 ${t}` : '为您精选'),
    similar_to_bought: (t) => (t ? `与您购买的 ${t} 很搭` : '为您精选'),
    segment_popular: () => '和您品味相近的顾客都在买',
    popular: () => '顾客热门之选',
    category: () => '来自您喜爱的品类',
  },
};

/** The "why this product" line, in the shopper's language, naming only a product from data. */
export function reasonText(locale: Locale, code: ReasonCode, becauseOfTitle?: string): string {
  return TEXT[locale][code](becauseOfTitle);
}
