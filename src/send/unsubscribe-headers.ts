/**
 * RFC 2369 List-Unsubscribe plus RFC 8058 one-click: mailbox providers (Gmail, Yahoo) show their
 * own unsubscribe button and POST `List-Unsubscribe=One-Click` to the https URL.
 */
export function unsubscribeHeaders(url: string, mailto?: string): Record<string, string> {
  if (!/^https?:\/\//i.test(url)) throw new Error('unsubscribe url must be http(s)');
  const targets = [`<${url}>`];
  if (mailto) targets.push(`<${mailto.startsWith('mailto:') ? mailto : `mailto:${mailto}`}>`);
  return {
    'List-Unsubscribe': targets.join(', '),
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
