/** @module report/html-text — what the HTML report and its charts share: escaping text, and each runtime's colour. Browser-safe. */
import type { StudyRuntime } from '../model/study.js';

/** Bar colour per runtime. */
export const COLOURS: Readonly<Record<StudyRuntime, string>> = {
  node: '#3c873a',
  deno: '#3b4a63',
  bun: '#c9a227',
  chromium: '#4285f4',
};

/** Escapes text for HTML content and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
