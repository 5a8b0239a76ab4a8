/** Per category: fictional brands, product lines, product kinds and a price range in USD. */
export interface CategorySpec {
  key: string;
  code: string;
  brands: readonly string[];
  lines: readonly string[];
  kinds: readonly { name: string; min: number; max: number }[];
  tags: readonly string[];
}

export const CATEGORIES: readonly CategorySpec[] = [
  {
    key: 'skincare',
    code: 'SKN',
    brands: ['Petal & Co', 'Dewline', 'Aurea Lab', 'Kōyō', 'Nordic Moss', 'Clearwell'],
    lines: [
      'Rose',
      'Green Tea',
      'Vitamin C',
      'Hyaluronic',
      'Ceramide',
      'Peptide',
      'Cica',
      'Niacinamide',
      'Retinol',
      'Rice Water',
    ],
    kinds: [
      { name: 'Serum', min: 22, max: 85 },
      { name: 'Gel Cleanser', min: 12, max: 32 },
      { name: 'Night Cream', min: 28, max: 95 },
      { name: 'Toner', min: 14, max: 38 },
      { name: 'Eye Cream', min: 24, max: 70 },
      { name: 'Sheet Mask Set', min: 10, max: 30 },
      { name: 'Moisturizer', min: 18, max: 65 },
      { name: 'Essence', min: 20, max: 60 },
    ],
    tags: ['hydrating', 'sensitive-skin', 'vegan', 'fragrance-free', 'brightening'],
  },
  {
    key: 'makeup',
    code: 'MKP',
    brands: ['Lumière', 'Velvet Row', 'Studio Nine', 'Hanami Beauty', 'Bold Letter'],
    lines: ['Velvet', 'Satin', 'Nude', 'Cherry', 'Mocha', 'Coral', 'Berry', 'Soft Focus', 'Glow', 'Matte'],
    kinds: [
      { name: 'Lipstick', min: 14, max: 38 },
      { name: 'Foundation', min: 22, max: 55 },
      { name: 'Mascara', min: 12, max: 30 },
      { name: 'Eyeshadow Palette', min: 24, max: 62 },
      { name: 'Blush', min: 16, max: 36 },
      { name: 'Concealer', min: 14, max: 32 },
      { name: 'Lip Gloss', min: 10, max: 26 },
    ],
    tags: ['long-wear', 'cruelty-free', 'buildable', 'everyday', 'evening'],
  },
  {
    key: 'haircare',
    code: 'HAR',
    brands: ['Mane Theory', 'Silk Route', 'Tidewater', 'Kamome'],
    lines: ['Argan', 'Coconut', 'Repair', 'Volume', 'Curl', 'Camellia', 'Scalp Care', 'Keratin'],
    kinds: [
      { name: 'Shampoo', min: 10, max: 32 },
      { name: 'Conditioner', min: 10, max: 32 },
      { name: 'Hair Mask', min: 16, max: 42 },
      { name: 'Hair Oil', min: 18, max: 48 },
      { name: 'Leave-In Spray', min: 14, max: 30 },
    ],
    tags: ['sulfate-free', 'color-safe', 'repair', 'curly-hair', 'volume'],
  },
  {
    key: 'fragrance',
    code: 'FRG',
    brands: ['Maison Élan', 'Nord', 'Jardin Blanc', 'Saffron House', 'Oud & Ash'],
    lines: [
      'Cedar Night',
      'Fig Leaf',
      'White Tea',
      'Amber Dusk',
      'Neroli',
      'Peony Rain',
      'Vetiver',
      'Sea Salt',
    ],
    kinds: [
      { name: 'Eau de Parfum', min: 60, max: 180 },
      { name: 'Eau de Toilette', min: 40, max: 110 },
      { name: 'Travel Spray', min: 22, max: 45 },
      { name: 'Scented Candle', min: 28, max: 65 },
    ],
    tags: ['woody', 'floral', 'fresh', 'gift', 'unisex'],
  },
  {
    key: 'bodycare',
    code: 'BDY',
    brands: ['Bathhouse', 'Oat & Honey', 'Salt Studio', 'Verdant'],
    lines: ['Lavender', 'Shea', 'Oat', 'Citrus', 'Eucalyptus', 'Almond', 'Sea Salt'],
    kinds: [
      { name: 'Body Lotion', min: 12, max: 34 },
      { name: 'Body Wash', min: 9, max: 24 },
      { name: 'Body Scrub', min: 16, max: 38 },
      { name: 'Hand Cream', min: 8, max: 22 },
      { name: 'Body Oil', min: 20, max: 48 },
    ],
    tags: ['nourishing', 'vegan', 'gift', 'dry-skin', 'relaxing'],
  },
  {
    key: 'suncare',
    code: 'SUN',
    brands: ['Solstice', 'Daylight Lab', 'Shoreline'],
    lines: ['Daily', 'Sport', 'Mineral', 'Tinted', 'Kids', 'Invisible'],
    kinds: [
      { name: 'Sunscreen', min: 14, max: 38 },
      { name: 'Sun Stick', min: 12, max: 26 },
      { name: 'After-Sun Gel', min: 10, max: 24 },
      { name: 'Sun Mist', min: 16, max: 32 },
    ],
    tags: ['spf', 'reef-safe', 'water-resistant', 'daily', 'travel'],
  },
  {
    key: 'nails',
    code: 'NAL',
    brands: ['Lacquer Lane', 'Polished', 'Tipsy Nail'],
    lines: ['Ruby', 'Blush', 'Midnight', 'Pearl', 'Sage', 'Classic'],
    kinds: [
      { name: 'Nail Polish', min: 8, max: 20 },
      { name: 'Top Coat', min: 8, max: 18 },
      { name: 'Cuticle Oil', min: 9, max: 22 },
      { name: 'Nail Care Kit', min: 18, max: 45 },
    ],
    tags: ['quick-dry', 'long-wear', 'gift', 'vegan'],
  },
  {
    key: 'mens',
    code: 'MEN',
    brands: ['Barber & Stone', 'Northbound', 'Grafton'],
    lines: ['Cedar', 'Charcoal', 'Sport', 'Classic', 'Sandalwood'],
    kinds: [
      { name: 'Shave Cream', min: 10, max: 28 },
      { name: 'Beard Oil', min: 14, max: 34 },
      { name: 'Face Wash', min: 10, max: 24 },
      { name: 'Aftershave Balm', min: 14, max: 36 },
      { name: 'Hair Clay', min: 12, max: 26 },
    ],
    tags: ['grooming', 'beard', 'oily-skin', 'gift'],
  },
  {
    key: 'tools',
    code: 'TLS',
    brands: ['Bristle Co', 'Glide', 'Atelier Tools'],
    lines: ['Pro', 'Travel', 'Bamboo', 'Rose Quartz', 'Jade', 'Precision'],
    kinds: [
      { name: 'Brush Set', min: 18, max: 65 },
      { name: 'Face Roller', min: 16, max: 42 },
      { name: 'Makeup Sponge', min: 6, max: 16 },
      { name: 'Hair Dryer', min: 45, max: 220 },
      { name: 'Tweezers', min: 8, max: 28 },
    ],
    tags: ['tools', 'travel', 'gift', 'reusable'],
  },
  {
    key: 'wellness',
    code: 'WEL',
    brands: ['Calm Field', 'Rooted', 'Lumen Tea'],
    lines: ['Sleep', 'Focus', 'Glow', 'Balance', 'Chamomile', 'Ginger'],
    kinds: [
      { name: 'Herbal Tea', min: 8, max: 24 },
      { name: 'Bath Soak', min: 12, max: 30 },
      { name: 'Pillow Mist', min: 14, max: 32 },
      { name: 'Supplement Gummies', min: 18, max: 42 },
    ],
    tags: ['self-care', 'sleep', 'relaxing', 'gift'],
  },
];
