import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shownPath } from './shown-path.js';

describe('shownPath', () => {
  it('names a path under the working folder relative to it', () => {
    expect(shownPath(path.join(process.cwd(), 'results', 'x.json'))).toBe(path.join('results', 'x.json'));
    expect(shownPath('results/x.json')).toBe(path.join('results', 'x.json'));
  });
  it('keeps a path outside the working folder, and the folder itself, absolute', () => {
    expect(shownPath('/usr/bin/chromium')).toBe('/usr/bin/chromium');
    expect(shownPath(path.dirname(process.cwd()))).toBe(path.dirname(process.cwd()));
    expect(shownPath(process.cwd())).toBe(process.cwd());
  });
});
