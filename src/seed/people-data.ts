export const EN_FIRST = [
  'Olivia', 'Emma', 'Amelia', 'Sophia', 'Isabella', 'Mia', 'Charlotte', 'Harper', 'Evelyn', 'Abigail', 'Emily', 'Grace',
  'Chloe', 'Lily', 'Zoe', 'Hannah', 'Nora', 'Ella', 'Ava', 'Layla', 'Liam', 'Noah', 'Oliver', 'James', 'Lucas', 'Henry',
  'Ethan', 'Daniel', 'Jack', 'Samuel', 'Leo', 'Isaac', 'Maya', 'Priya', 'Aisha', 'Sofia', 'Camila', 'Lucia', 'Freya', 'Ruby',
] as const;

export const EN_LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Anderson', 'Thomas',
  'Moore', 'Martin', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams',
  'Nelson', 'Carter', 'Evans', 'Patel', 'Khan', 'Murphy', 'Kelly', 'Hughes', 'Cooper', 'Reed', 'Bennett', 'Foster',
] as const;

/** [Chinese, pinyin]: the pinyin builds the address, the characters are the shown name. */
export const ZH_FAMILY = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'],
  ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'],
  ['何', 'he'], ['林', 'lin'], ['罗', 'luo'], ['高', 'gao'], ['梁', 'liang'], ['宋', 'song'], ['唐', 'tang'], ['许', 'xu'],
] as const;

export const ZH_GIVEN = [
  ['小红', 'xiaohong'], ['晓明', 'xiaoming'], ['婷婷', 'tingting'], ['欣怡', 'xinyi'], ['思琪', 'siqi'], ['雨涵', 'yuhan'],
  ['佳怡', 'jiayi'], ['梓涵', 'zihan'], ['诗雨', 'shiyu'], ['一诺', 'yinuo'], ['子轩', 'zixuan'], ['浩然', 'haoran'],
  ['宇航', 'yuhang'], ['俊杰', 'junjie'], ['嘉怡', 'jiayi'], ['静怡', 'jingyi'], ['雅琴', 'yaqin'], ['丽华', 'lihua'],
  ['文博', 'wenbo'], ['明轩', 'mingxuan'], ['梦瑶', 'mengyao'], ['若曦', 'ruoxi'], ['可欣', 'kexin'], ['晨曦', 'chenxi'],
] as const;

export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.com'] as const;

/** Time zones with weights, per locale. */
export const EN_TIMEZONES: readonly [string, number][] = [
  ['America/New_York', 22], ['America/Chicago', 12], ['America/Denver', 5], ['America/Los_Angeles', 15],
  ['America/Toronto', 6], ['Europe/London', 14], ['Europe/Berlin', 6], ['Europe/Paris', 5], ['Europe/Madrid', 3],
  ['Australia/Sydney', 6], ['Asia/Singapore', 3], ['Pacific/Auckland', 2], ['Asia/Tokyo', 1],
];

export const ZH_TIMEZONES: readonly [string, number][] = [
  ['Asia/Shanghai', 70], ['Asia/Hong_Kong', 8], ['Asia/Taipei', 6], ['Asia/Singapore', 6],
  ['America/Los_Angeles', 4], ['America/Vancouver', 2], ['Europe/London', 2], ['Australia/Sydney', 2],
];
