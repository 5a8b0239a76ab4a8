import type { Logger } from '../../logger.js';
import { segmentClass } from '../corpus/controls.js';
import { SLOT_NAMES, emailSlots, fillSlots, productSlots, type SlotValues } from '../slots.js';
import type { CopyGenerator, CopyRequest, EmailCopy } from '../types.js';
import { z } from 'zod';

export interface OpenAiGeneratorOptions {
  /** Base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1 (config OPENAI_BASE_URL). */
  baseUrl: string;
  /** Model name (config OPENAI_MODEL). */
  model: string;
  /** Bearer key (config OPENAI_API_KEY); local servers may need none. */
  apiKey?: string;
  logger: Logger;
  /** @defaultValue 20000 */
  timeoutMs?: number;
  /** @defaultValue 0.7 */
  temperature?: number;
}

const CopySchema = z.object({
  subject: z.string(),
  preheader: z.string(),
  greeting: z.string(),
  intro: z.string(),
  callToAction: z.string(),
  blurbs: z.array(z.string()),
});

const ChatResponse = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

export class OpenAiCopyError extends Error {
  override name = 'OpenAiCopyError';
}

function available(values: SlotValues): string {
  return SLOT_NAMES.filter((s) => values[s] !== undefined)
    .map((s) => `{${s}}`)
    .join(' ');
}

/** The chat messages: facts are named by placeholder only, so the model cannot restate them wrongly. */
export function buildMessages(request: CopyRequest): { role: 'system' | 'user'; content: string }[] {
  const language = request.locale === 'zh-CN' ? 'Simplified Chinese' : 'English';
  const system = [
    'You write short, natural marketing email copy for an online store.',
    'Facts are placeholders in curly braces that the system fills in later. Never write a name, price, percentage, product name or any digit yourself; use only the placeholders listed as available.',
    'No spammy phrases, no ALL CAPS, no repeated exclamation marks.',
    'Answer with one JSON object: {"subject","preheader","greeting","intro","callToAction","blurbs"}, where blurbs has one short line per product, in order; in a blurb the placeholders refer to that product.',
  ].join(' ');
  const user = JSON.stringify({
    language,
    campaign: request.campaignType,
    tone: request.tone,
    audience: segmentClass(request.segmentName),
    availablePlaceholders: available(emailSlots(request)),
    products: request.products.map((p, i) => ({
      index: i,
      availablePlaceholders: available(productSlots(p, request.storeName, request.locale)),
    })),
  });
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

function fillOrThrow(text: string, values: SlotValues, field: string): string {
  const r = fillSlots(text, values);
  if (r.missing.length || r.unknown.length) {
    throw new OpenAiCopyError(
      `${field} used unavailable placeholders: ${[...r.missing, ...r.unknown].join(', ')}`,
    );
  }
  return r.text;
}

/** Copy from any OpenAI-compatible chat-completions endpoint, with the same slots as the Transformer. */
export function createOpenAiGenerator(options: OpenAiGeneratorOptions): CopyGenerator {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    name: 'openai',
    async generate(request: CopyRequest): Promise<EmailCopy> {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: options.model,
          messages: buildMessages(request),
          temperature: options.temperature ?? 0.7,
          response_format: { type: 'json_object' },
          ...(request.seed !== undefined ? { seed: request.seed } : {}),
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
      });
      if (!res.ok) throw new OpenAiCopyError(`chat completions returned HTTP ${res.status}`);
      const body = ChatResponse.parse(await res.json());
      const content = (body.choices[0]?.message.content ?? '').replace(/^```(?:json)?\s*|\s*```$/g, '');
      let parsed: z.infer<typeof CopySchema>;
      try {
        parsed = CopySchema.parse(JSON.parse(content));
      } catch (err) {
        throw new OpenAiCopyError(
          `chat completion was not the expected JSON: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      if (parsed.blurbs.length < request.products.length)
        throw new OpenAiCopyError('fewer blurbs than products');
      const values = emailSlots(request);
      options.logger.debug({ model: options.model }, 'openai copy received');
      return {
        subject: fillOrThrow(parsed.subject, values, 'subject'),
        preheader: fillOrThrow(parsed.preheader, values, 'preheader'),
        greeting: fillOrThrow(parsed.greeting, values, 'greeting'),
        intro: fillOrThrow(parsed.intro, values, 'intro'),
        callToAction: fillOrThrow(parsed.callToAction, values, 'callToAction'),
        products: request.products.map((p, i) => ({
          productId: p.productId,
          blurb: fillOrThrow(
            parsed.blurbs[i] ?? '',
            productSlots(p, request.storeName, request.locale),
            'blurb',
          ),
        })),
        variant: request.variant ?? `openai:${options.model}`,
        generator: 'openai',
      };
    },
    async close(): Promise<void> {},
  };
}
