import type { PhraseBank } from '../phrase-bank.js';

export const EN: PhraseBank = {
  subjects: {
    weekly_digest: {
      personal: [
        '{name}, your picks this week',
        '{name}, we found a few things for you',
        'Chosen for you, {name}',
        'Your weekly picks from {store}',
      ],
      benefit: [
        '{product}, now {discount} off',
        '{discount} off {product} this week',
        '{product} from {brand}, {price}',
        'Fresh {category} finds from {store}',
      ],
      curiosity: [
        'Have you seen {product}?',
        'Something we picked from {brand}',
        'A little {category} inspiration',
        'What we think you will like next',
      ],
      urgency: [
        '{discount} off {product} while the offer lasts',
        'This week at {store}: {product}',
        "This week's picks from {store}",
        'Your picks for the week ahead',
      ],
    },
    abandoned_checkout: {
      personal: [
        '{name}, you left something in your cart',
        '{name}, your cart is saved',
        'Still deciding, {name}?',
        'Your cart at {store} is saved',
      ],
      benefit: [
        '{product} is still in your cart, now {discount} off',
        '{product} is waiting for you at {price}',
        'Your {category} pick is saved',
        'Pick up where you left off',
      ],
      curiosity: [
        'Still thinking about {product}?',
        'Did something catch your eye?',
        'Forgot something at {store}?',
        'About the items in your cart',
      ],
      urgency: [
        'Your cart is waiting: {product}',
        'Finish your order while {discount} off applies',
        'Complete your order at {store}',
        'Your cart is ready when you are',
      ],
    },
    post_purchase: {
      personal: [
        'Thank you for your order, {name}',
        '{name}, thanks for shopping with us',
        'Thanks from all of us at {store}',
        'Thank you, {name}',
      ],
      benefit: [
        'Goes well with your order: {product}',
        '{product} from {brand}, now {discount} off',
        'More {category} you might like',
        'A few ideas to go with your order',
      ],
      curiosity: [
        'What pairs well with your new favourites?',
        'Have you met {product}?',
        'One more idea from {brand}',
        'Curious what goes with it?',
      ],
      urgency: [
        '{product} is {discount} off right now',
        'Complete the set with {product}',
        'Picked to go with your order',
        'Before you forget: {product}',
      ],
    },
  },
  preheaders: {
    weekly_digest: [
      'A short list of things we think you will like, from {store}.',
      'Ideas from {brand} and more, picked for you.',
      '{product} and a few other picks chosen with you in mind.',
      'Hand-picked {category} and more from {store}.',
    ],
    abandoned_checkout: [
      'We saved your cart so you can finish whenever you like.',
      '{product} is still in your cart at {store}.',
      'Your items are saved. Checkout takes just a moment.',
      'Come back and finish your order at {store}.',
    ],
    post_purchase: [
      'Thanks for shopping with {store}. Here are a few ideas to go with your order.',
      'We picked a few things that pair well with your recent order.',
      '{product} from {brand} could be a great match for your order.',
      'A thank-you note and some ideas from {store}.',
    ],
  },
  greetings: {
    friendly: { named: ['Hi {name},', 'Hello {name},'], anonymous: ['Hi there,', 'Hello,'] },
    urgent: { named: ['Hi {name},', '{name},'], anonymous: ['Hi there,', 'Hello,'] },
    premium: { named: ['Dear {name},', 'Good day, {name},'], anonymous: ['Dear customer,', 'Good day,'] },
    playful: { named: ['Hey {name}!', 'Hey there, {name}!'], anonymous: ['Hey there!', 'Hello, friend!'] },
  },
  intros: {
    weekly_digest: [
      'Here is what we picked for you this week at {store}.',
      'We went through {store} and kept the things we think you will like.',
      'Your weekly edit from {store} is here, chosen around what you like.',
    ],
    abandoned_checkout: [
      'You left a few things in your cart, so we saved them for you.',
      'Your cart at {store} is just as you left it.',
      'It looks like you did not get to finish your order. No rush, everything is saved.',
    ],
    post_purchase: [
      'Thank you for your recent order from {store}. We hope you love it.',
      'Thanks for shopping with {store}. Here are a few things that go well with your order.',
      'We are so glad you found something you like at {store}.',
    ],
  },
  segmentLines: {
    loyal: ['Thank you for being such a loyal shopper.', 'It is always good to see you again.'],
    vip: ['Thank you for being one of our most valued customers.', 'We are grateful to have you with us.'],
    new: ['Welcome to {store}, we are happy you are here.', 'Since you are new here, we kept it simple.'],
    lapsed: ['It has been a while, and we have missed you.', 'We would love to see you back at {store}.'],
    deal: [
      'We kept an eye out for good value for you.',
      'We looked for good value across the store for you.',
    ],
    general: [],
  },
  blurbs: {
    plain: [
      '{product} from {brand}, {price}.',
      "{brand}'s {product}, {price}.",
      'From our {category} range: {product} by {brand}, {price}.',
      '{product} by {brand}, for {price}.',
    ],
    discount: [
      '{product} from {brand}, {price}, currently {discount} off.',
      "{brand}'s {product} is {discount} off right now ({price}).",
      'From our {category} range: {product} by {brand}, {price} with {discount} off.',
    ],
  },
  reasons: {
    because: ['Picked {reason}.', 'We chose it {reason}.'],
    trigger: ['It is still in your cart.', 'You left it in your cart.'],
    similar_to_viewed: ['Similar to things you have looked at.', 'In the same spirit as items you viewed.'],
    similar_to_bought: [
      'It goes well with things you have bought before.',
      'A good match for your past purchases.',
    ],
    segment_popular: ['Popular with shoppers who share your taste.', 'A favourite among shoppers like you.'],
    popular: ['One of our most loved products.', 'A shopper favourite at the moment.'],
    category: ['From a category you love.', 'Chosen from a category you often shop.'],
  },
  reasonVerbs: { viewed: [], bought: [], added: [], liked: [] },
  ctas: {
    weekly_digest: {
      friendly: ['See all picks', 'Take a look'],
      urgent: ['Shop the picks', 'See them now'],
      premium: ['Discover the selection', 'Explore the edit'],
      playful: ['Go have a look', 'Start browsing'],
    },
    abandoned_checkout: {
      friendly: ['Return to your cart', 'Finish your order'],
      urgent: ['Complete your order', 'Check out now'],
      premium: ['Return to your selection', 'Complete your purchase'],
      playful: ['Back to my cart', 'Let us finish this'],
    },
    post_purchase: {
      friendly: ['See what goes with it', 'Take a look'],
      urgent: ['Shop these picks', 'See them now'],
      premium: ['Discover more', 'Explore the collection'],
      playful: ['Show me more', 'Keep exploring'],
    },
  },
  categories: {
    bodycare: 'body care',
    suncare: 'sun care',
    mens: "men's grooming",
    tools: 'beauty tools',
    nails: 'nail care',
  },
  subjectMax: 70,
  preheaderMax: 110,
  sentenceJoin: ' ',
};
