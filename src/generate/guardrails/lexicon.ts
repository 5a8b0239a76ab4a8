import type { Locale } from '../types.js';

/** Phrases that mail filters and careful readers treat as spam; matched case-insensitively. */
export const SPAM_TRIGGERS: Record<Locale, readonly string[]> = {
  en: [
    'free money',
    'act now',
    'act immediately',
    'risk-free',
    'risk free',
    'guaranteed',
    'click here',
    'click below',
    'winner',
    'you have won',
    "you've won",
    'cash bonus',
    'no cost',
    'no strings attached',
    'lowest price',
    'once in a lifetime',
    'miracle',
    'double your',
    'earn money',
    'limited time only',
    'urgent response',
    'this is not spam',
    'congratulations',
    '100% free',
    '$$$',
  ],
  'zh-CN': [
    '免费领取',
    '免费送',
    '中奖',
    '恭喜您获得',
    '恭喜你获得',
    '稳赚',
    '点击领取',
    '全网最低',
    '最低价',
    '百分百',
    '不买后悔',
    '清仓甩卖',
  ],
};

/** Repeated exclamation or question marks read as shouting in both scripts. */
export const REPEATED_PUNCTUATION = /[!！?？]{2,}/;

/** Chinese numerals stating an amount (e.g. 五折, 三十元): only slots may state amounts. */
export const CHINESE_AMOUNT = /[零一二三四五六七八九十百千万两]+\s*(?:折|元|块|%|％|percent)/;
