import { BSON, ObjectId } from 'bson';
import { Engine } from '/work/main/src/embedded-mongo/engine.js';
import { deserializeDoc } from '/work/main/src/embedded-mongo/bson-values.js';
import { encodeOpMsg } from '/work/main/src/embedded-mongo/wire-protocol.js';
const e = new Engine({ host: 'x:1', setName: 'rs0', processId: new ObjectId() });
e.run('b', { createIndexes: 'items', indexes: [{ key: { sku: 1 }, name: 'sku_1', unique: true }] });
let t = performance.now();
for (let i = 0; i < 100000; i += 1000) {
  const docs = []; for (let j = i; j < i + 1000; j++) docs.push({ _id: new ObjectId(), sku: `sku-${j}`, price: j % 100, stock: j % 7, tags: ['a'], __v: 0 });
  const bytes = BSON.serialize({ insert: 'items', documents: docs, ordered: true, lsid: { id: new ObjectId() } });
  encodeOpMsg(1, e.run('b', deserializeDoc(bytes)));
}
console.log('insert/s', 100000 / ((performance.now() - t) / 1000));
t = performance.now();
for (let i = 0; i < 20000; i++) {
  const bytes = BSON.serialize({ find: 'items', filter: { sku: `sku-${i}` }, limit: 1, singleBatch: true, projection: {} , lsid: { id: new ObjectId() }});
  encodeOpMsg(1, e.run('b', deserializeDoc(bytes)));
}
console.log('find/s', 20000 / ((performance.now() - t) / 1000));
