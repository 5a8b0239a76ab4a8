import { pino } from 'pino';
import FormData from 'form-data';
import { createMailgunTransport } from '../../src/send/transports/mailgun.transport.js';
import { startMailgunSink } from './mailgun-sink.js';
const sink = await startMailgunSink({ apiKey: 'k', recordBodies: false });
const t = createMailgunTransport({ apiKey: 'k', domain: 'mg.example.com', url: sink.url, logger: pino({ level: 'silent' }) });
const html = 'x'.repeat(27000);
const mk = (n: number) => ({ messageId: `m${n}`, to: 'a@example.com', from: 'b@example.com', subject: 's', html, text: 't', headers: { 'List-Unsubscribe': '<https://x>' }, tags: ['a', 'b'], variables: { c: '1' } });
let s = performance.now();
for (let n = 0; n < 50; n++) await t.send(mk(n));
console.log('sequential mailgun.js', ((performance.now() - s) / 50).toFixed(2), 'ms/send');
// raw fetch multipart
s = performance.now();
for (let n = 0; n < 200; n++) {
  const fd = new globalThis.FormData(); fd.append('to', 'a@example.com'); fd.append('from', 'b'); fd.append('html', html); fd.append('v:message_id', `r${n}`);
  const res = await fetch(`${sink.url}/v3/mg.example.com/messages`, { method: 'POST', body: fd, headers: { authorization: 'Basic ' + Buffer.from('api:k').toString('base64') } });
  await res.json();
}
console.log('sequential fetch', ((performance.now() - s) / 200).toFixed(2), 'ms/send');
void FormData;
await t.close(); await sink.close();
