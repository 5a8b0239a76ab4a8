export {
  renderEmail,
  renderEmailFresh,
  warmTemplates,
  type RenderInput,
  type RenderedEmail,
} from './render-email.js';
export { TemplateCache } from './template-cache.js';
export { escapeHtml, safeUrl } from './escape.js';
