import { composeCopy } from '../../../src/generate/composer/index.js';
import { request } from './fixtures.js';
const reqs = Array.from({ length: 20000 }, (_, k) => request({ seed: k, locale: k % 2 ? 'en' : 'zh-CN' }));
for (let round = 0; round < 3; round++) {
  const t = performance.now();
  for (const r of reqs) composeCopy(r);
  console.log('compose', (performance.now() - t) / 20, 'us/email');
}
