import { startMailgunSink, parseMultipart } from './mailgun-sink.js';
const sink = await startMailgunSink({ apiKey: 'k', recordBodies: false });
const auth = { authorization: 'Basic ' + Buffer.from('api:k').toString('base64') };
for (const size of [10, 1000, 27000]) {
  const html = 'x'.repeat(size);
  const s = performance.now();
  for (let n = 0; n < 100; n++) {
    const fd = new globalThis.FormData(); fd.append('to', 'a@example.com'); fd.append('from', 'b'); fd.append('html', html);
    const res = await fetch(`${sink.url}/v3/mg.example.com/messages`, { method: 'POST', body: fd, headers: auth });
    await res.json();
  }
  console.log(size, ((performance.now() - s) / 100).toFixed(2), 'ms/send');
}
const s2 = performance.now();
for (let n = 0; n < 100; n++) { const res = await fetch(`${sink.url}/v3/mg.example.com/events`, { headers: auth }); await res.json(); }
console.log('GET', ((performance.now() - s2) / 100).toFixed(2));
const fd = new globalThis.FormData(); fd.append('html', 'x'.repeat(27000));
const r = new Request('http://x', { method: 'POST', body: fd }); const buf = Buffer.from(await r.arrayBuffer());
const s3 = performance.now(); for (let n = 0; n < 1000; n++) parseMultipart(buf, r.headers.get('content-type')!); console.log('parse', ((performance.now() - s3) / 1000).toFixed(3));
await sink.close();
