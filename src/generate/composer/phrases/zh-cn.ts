import type { PhraseBank } from '../phrase-bank.js';

export const ZH_CN: PhraseBank = {
  subjects: {
    weekly_digest: {
      personal: [
        '{name}，本周为你精选的好物',
        '{name}，这些好物也许你会喜欢',
        '{name}，你的专属推荐来了',
        '{store}本周为你精选',
      ],
      benefit: [
        '{product}现享{discount}优惠',
        '本周{product}享{discount}优惠',
        '{brand}{product}，售价{price}',
        '{store}本周{category}精选',
      ],
      curiosity: ['你见过{product}吗？', '{brand}的新发现', '来点{category}灵感？', '猜猜你下一件会爱上什么'],
      urgency: [
        '{product}{discount}优惠进行中',
        '本周{store}精选：{product}',
        '本周精选，别错过',
        '一周好物清单已送达',
      ],
    },
    abandoned_checkout: {
      personal: [
        '{name}，你的购物车还有宝贝',
        '{name}，购物车已为你保存',
        '{name}，还在考虑吗？',
        '你在{store}的购物车已保存',
      ],
      benefit: [
        '购物车里的{product}现享{discount}优惠',
        '{product}仍在购物车，售价{price}',
        '你挑中的{category}好物还在',
        '从上次离开的地方继续',
      ],
      curiosity: ['还在想着{product}吗？', '有看中的宝贝吗？', '是不是落下了什么？', '关于你购物车里的宝贝'],
      urgency: [
        '购物车提醒：{product}',
        '{discount}优惠期间完成订单',
        '在{store}完成你的订单',
        '购物车已备好，随时结算',
      ],
    },
    post_purchase: {
      personal: ['{name}，感谢你的订单', '{name}，谢谢你的支持', '{store}感谢你的支持', '谢谢你，{name}'],
      benefit: [
        '与你的订单很搭：{product}',
        '{brand}{product}现享{discount}优惠',
        '更多你可能喜欢的{category}',
        '为你的订单搭配几件好物',
      ],
      curiosity: [
        '新入手的宝贝，还能怎么搭？',
        '认识一下{product}？',
        '{brand}的另一个好主意',
        '好奇什么和它最配吗？',
      ],
      urgency: [
        '{product}正享{discount}优惠',
        '用{product}凑齐一套',
        '为你的订单精选搭配',
        '别忘了看看{product}',
      ],
    },
  },
  preheaders: {
    weekly_digest: [
      '{store}为你挑选了几件可能喜欢的好物。',
      '{brand}等品牌的新灵感，专为你挑选。',
      '{product}等好物，都是按你的喜好挑的。',
      '{store}精选{category}好物，快来看看。',
    ],
    abandoned_checkout: [
      '购物车已为你保存，随时回来完成订单。',
      '{product}还在你{store}的购物车里。',
      '宝贝都还在，结算只需片刻。',
      '回到{store}，完成你的订单吧。',
    ],
    post_purchase: [
      '感谢你在{store}购物，这些好物与你的订单很搭。',
      '我们挑了几件和你最近订单相配的好物。',
      '{brand}的{product}或许和你的订单很配。',
      '来自{store}的感谢，还有一些小建议。',
    ],
  },
  greetings: {
    friendly: { named: ['{name}，你好！', '嗨，{name}！'], anonymous: ['你好！', '嗨，你好！'] },
    urgent: { named: ['{name}，你好：', '{name}，你好！'], anonymous: ['你好：', '你好！'] },
    premium: { named: ['亲爱的{name}：', '{name}，见信好：'], anonymous: ['亲爱的顾客：', '见信好：'] },
    playful: { named: ['哈喽，{name}！', '嘿，{name}！'], anonymous: ['哈喽！', '嘿，你好呀！'] },
  },
  intros: {
    weekly_digest: [
      '这是{store}本周为你挑选的好物。',
      '我们翻遍了{store}的好物，留下了你可能会喜欢的几件。',
      '你的{store}每周精选来啦，都是按你的喜好挑的。',
    ],
    abandoned_checkout: [
      '你的购物车里还有几件宝贝，我们已经帮你保存好了。',
      '你在{store}的购物车原封未动，一切都还在。',
      '看起来你上次没来得及完成订单。不着急，宝贝都为你留着。',
    ],
    post_purchase: [
      '感谢你最近在{store}下单，希望你会喜欢。',
      '谢谢你选择{store}。下面这些好物和你的订单很搭。',
      '很高兴你在{store}找到了心仪的好物。',
    ],
  },
  segmentLines: {
    loyal: ['感谢你一直以来的支持。', '很高兴又见到你。'],
    vip: ['感谢你一直是我们最珍视的顾客之一。', '有你的支持，我们很感激。'],
    new: ['欢迎来到{store}，很高兴认识你。', '初次见面，先为你挑了几样。'],
    lapsed: ['好久不见，我们很想你。', '期待你再回{store}逛逛。'],
    deal: ['我们特意为你留意了实惠的好物。', '这次帮你挑了几件性价比不错的好物。'],
    general: [],
  },
  blurbs: {
    plain: [
      '{brand}的{product}，售价{price}。',
      '{product}（{brand}），{price}。',
      '{category}好物：{brand} {product}，{price}。',
      '来自{brand}的{product}，售价{price}。',
    ],
    discount: [
      '{brand}的{product}，售价{price}，目前享{discount}优惠。',
      '{product}（{brand}）正享{discount}优惠，售价{price}。',
      '{category}好物：{brand} {product}，{price}，现享{discount}优惠。',
    ],
  },
  reasons: {
    because: ['{reason}。'],
    trigger: ['它还在你的购物车里。', '你把它留在了购物车里。'],
    similar_to_viewed: ['和你浏览过的商品风格相近。', '与你看过的好物很相似。'],
    similar_to_bought: ['和你之前买过的商品很搭。', '与你以往的购买很相配。'],
    segment_popular: ['和你品味相近的顾客都很喜欢。', '深受与你口味相似的顾客喜爱。'],
    popular: ['这是我们最受欢迎的商品之一。', '最近很受大家欢迎。'],
    category: ['来自你喜欢的品类。', '选自你常逛的品类。'],
  },
  reasonVerbs: {
    viewed: ['因为你浏览过{subject}，特意为你推荐。', '你看过{subject}，这款也许同样合你心意。'],
    bought: ['因为你买过{subject}，特意为你推荐。', '和你买过的{subject}很搭。'],
    added: ['你曾把{subject}加入购物车。', '因为你把{subject}加入过购物车，特意为你推荐。'],
    liked: ['因为你喜欢{subject}，特意为你推荐。', '你收藏过{subject}，这款也许同样合你心意。'],
  },
  ctas: {
    weekly_digest: {
      friendly: ['查看全部推荐', '去看看'],
      urgent: ['立即选购', '马上看看'],
      premium: ['探索本周精选', '发现更多精选'],
      playful: ['逛逛去', '开始逛吧'],
    },
    abandoned_checkout: {
      friendly: ['回到购物车', '完成订单'],
      urgent: ['立即结算', '马上完成订单'],
      premium: ['返回购物车', '完成购买'],
      playful: ['回购物车看看', '继续我的订单'],
    },
    post_purchase: {
      friendly: ['看看怎么搭', '去看看'],
      urgent: ['立即选购', '马上看看'],
      premium: ['发现更多', '探索系列'],
      playful: ['再逛逛', '看看更多'],
    },
  },
  categories: {
    skincare: '护肤',
    makeup: '彩妆',
    haircare: '护发',
    fragrance: '香水',
    bodycare: '身体护理',
    suncare: '防晒',
    nails: '美甲',
    mens: '男士护理',
    tools: '美妆工具',
    wellness: '健康养护',
    bath: '沐浴',
    lipcare: '唇部护理',
  },
  subjectMax: 30,
  preheaderMax: 110,
  sentenceJoin: '',
};
