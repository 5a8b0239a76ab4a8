/**
 * Phrases that state a fact about a product (or the offer) which only data can back: that it is
 * new, popular, scarce, ending soon or the best. Matched on lower-cased copy with the request's
 * fact strings already removed, so a title like "New Balance 574" or the recommender's own reason
 * line ("Popular with shoppers like you") never counts as a claim.
 */

export const CLAIM_KINDS = ['novelty', 'popularity', 'scarcity', 'urgency', 'superlative'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/**
 * "New" about the shopper or their own order is not a claim about a product: "since you are new
 * here", "new to you", "your new favourites", "new customers", "Happy New Year". These are blanked
 * before the novelty patterns run.
 */
const NOT_PRODUCT_NEW =
  /\b(?:your|you're|you are|are)\s+(?:brand[- ])?new\b|\bnew\s+(?:to\s+(?:you|us)|here|customers?|shoppers?|members?|subscribers?|friends?|best\s+friends?|year)\b|\bat the latest\b/g;

/**
 * Chinese words that look like claims but are not: "new" about the shopper (新客, 新朋友, 新入手 =
 * what they just bought, 新年), and 最佳搭档/搭配 ("best partner"), an opinion about fit like
 * "perfect match", not a ranking.
 */
const NOT_CLAIM_ZH = /新客|新朋友|新顾客|新会员|新入手|新年|最佳搭[档配]/g;

const EN: Record<ClaimKind, readonly RegExp[]> = {
  novelty: [
    /\b(?:brand[- ])?new(?:est|ly)?\b/,
    /\blatest\b/,
    /\bjust\s+(?:arrived|in|landed|dropped|launched|released|out)\b/,
    /\barrivals?\b/,
    /\bhot off the press\b/,
    /\bfirst look\b/,
  ],
  popularity: [
    /\bpopular(?:ity)?\b/,
    /\b(?:best|top|fast|hot)[- ]?sell(?:er|ers|ing)\b/,
    /\b(?:customer|shopper|fan|crowd|cult|firm|everyone's|everybody's|all[- ]time)\s+favou?rites?\b/,
    /\bfavou?rites?\s+(?:among|with|of)\s+(?:shoppers|customers|everyone|many|our)\b/,
    /\b(?:most|much|best|widely)[- ]loved\b/,
    /\bloved\s+by\b/,
    /\btrending\b/,
    /\bin[- ]demand\b/,
    /\beveryone(?:'s| is)\s+(?:buying|talking|loving|getting)\b/,
    /\b(?:going\s+)?viral\b/,
  ],
  scarcity: [
    /\b(?:only|just)\s+(?:a\s+(?:few|couple|handful)|few|one|two|three|four|five|\d+)\s+(?:\w+\s+)?left\b/,
    /\bfew\s+left\b/,
    /\b(?:left|remaining)\s+in\s+stock\b/,
    /\bwhile\s+(?:stocks?|supplies)\s+last\b/,
    /\bwhile\b.{0,40}\bin\s+stock\b/,
    /\b(?:selling|going|goes|go|sells|sell)\s+(?:out\s+)?(?:fast|quickly)\b/,
    /\bsell(?:s|ing)?\s+out\b|\bsold\s+out\b/,
    /\bfast[- ]moving\b/,
    /\b(?:almost|nearly)\s+(?:gone|sold|out)\b/,
    /\blimited\s+(?:stock|quantit(?:y|ies)|suppl(?:y|ies)|availability|edition|run)\b/,
    /\blow\s+(?:in\s+)?stock\b/,
    /\blast\s+(?:few|ones?|units?|pieces?)\b/,
    /\brunning\s+(?:low|out)\b/,
    /\bflying\s+off\b/,
    /\bshort\s+supply\b/,
    /\bbefore\s+(?:it'?s|they'?re|it\s+is|they\s+are)\s+gone\b/,
  ],
  urgency: [
    /\b(?:ends?|ending|closes?|closing|expires?|expiring)\s+(?:tonight|today|tomorrow|soon|at\s+midnight|midnight|this\s+\w+|on\s+\w+|in\s+\w+)\b/,
    /\b(?:sale|offer|deal|discount|promotion|promo|price)\s+(?:ends|expires|is\s+ending|closes)\b/,
    /\b(?:today|tonight|this\s+week(?:end)?|weekend|one\s+day|\d+\s+hours?)\s+only\b/,
    /\bonly\s+(?:today|tonight|this\s+week(?:end)?|for\s+a\s+(?:short|limited)\s+time)\b/,
    /\blast\s+(?:chance|call|day|days|hours?)\b/,
    /\bfinal\s+(?:hours?|days?|chance|call)\b/,
    /\blimited[- ]time\b/,
    /\b(?:hours?|days?|minutes?)\s+(?:left|to\s+go|remaining)\b/,
    /\bcountdown\b|\bdeadline\b|\bnow\s+or\s+never\b/,
    /\b(?:won't|will\s+not|wont)\s+last\b/,
    /\bnot\s+for\s+long\b/,
    /\bwhile\s+(?:you\s+can|it\s+lasts|they\s+last)\b/,
    /\bexpir(?:e|es|ed|ing|y)\b/,
  ],
  superlative: [
    /\b(?:the|our)\s+(?:very\s+)?best\b(?![- ](?:sell|loved)|\s+(?:way|customers?|shoppers?|friends?)\b)/,
    /\bbest[- ]ever\b|\bworld'?s\s+best\b|\bbest[- ]in[- ]class\b|\bbest\s+(?:price|deal|value)\b/,
    /\b(?:top|best|highest)[- ]rated\b/,
    /#\s?1\b|\bno\.\s?1\b|\bnumber\s+one\b|\btop\s?1\b/,
    /\bunbeatable\b|\bunrivall?ed\b|\bunmatched\b|\bsecond\s+to\s+none\b/,
    /\baward[- ]winning\b/,
    /\bthe\s+(?:finest|ultimate|greatest)\b/,
  ],
};

const ZH: Record<ClaimKind, readonly RegExp[]> = {
  novelty: [
    /新品|新款|新到|新货|上新|上市|上架|刚到|到货|最新|首发|全新|新推出|新出炉|新鲜出炉|新一季|新季|抢先(?:看|体验|入手)/,
  ],
  popularity: [
    /热销|热卖|热门|爆款|爆品|人气|畅销|受欢迎|抢手|大热|火爆|网红|口碑|好评|销量|明星单品|断货王/,
    /受.{0,4}欢迎/,
    /(?:深受|备受).{0,12}(?:喜爱|青睐|追捧)/,
    /(?:顾客|大家|买家|用户|姐妹)们?都(?:很|超|在)?(?:喜欢|爱|买|推荐)/,
    /都在买/,
  ],
  scarcity: [
    /库存(?:有限|紧张|不多|告急|不足)|即将售罄|快(?:要)?售罄|售罄|仅剩|只剩|所剩无几|数量有限|限量|手慢无|断货|卖断|少量库存|最后几件|余量不多|抢光|抢完|卖得很快|卖得快|还有货/,
    /趁.{0,8}有货/,
    /抢购/,
  ],
  urgency: [
    /限时|截止|仅限今|只限今|今日限定|今天限定|仅此一天|最后一天|最后(?:一次)?机会|即将(?:结束|到期|失效)|马上(?:结束|到期)|倒计时|错过(?:再等|就没)|过期不候|到期|失效|今[天日晚]结束|趁现在/,
  ],
  superlative: [
    /最好的|最好用|最佳|最棒|最优|第一名|排名第一|销量第一|全网第一|行业第一|全球第一|顶级|顶尖|史上最|全网最|最强|天花板|无敌|无与伦比|首屈一指|独一无二/,
  ],
};

export interface ClaimMatch {
  kind: ClaimKind;
  /** The words that make the claim, for the violation's detail. */
  phrase: string;
}

/**
 * Every kind of claim the text makes, with the first phrase that makes it. `text` must already be
 * lower-cased and stripped of fact strings; both scripts are checked whatever the locale.
 */
export function findClaims(text: string): ClaimMatch[] {
  const en = text.replace(/[\u2018\u2019]/g, "'").replace(NOT_PRODUCT_NEW, ' ');
  const zh = text.replace(NOT_CLAIM_ZH, ' ');
  const out: ClaimMatch[] = [];
  for (const kind of CLAIM_KINDS) {
    const hit = firstMatch(en, EN[kind]) ?? firstMatch(zh, ZH[kind]);
    if (hit !== undefined) out.push({ kind, phrase: hit });
  }
  return out;
}

function firstMatch(text: string, patterns: readonly RegExp[]): string | undefined {
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) return m[0];
  }
  return undefined;
}
