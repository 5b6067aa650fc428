import { describe, expect, it } from 'vitest';
import { localModule, portableModule } from './task-names.js';

describe('task module names across machines', () => {
  it('a module under the coordinator root travels relative to it and resolves under each agent root', () => {
    const name = portableModule('file:///home/ci/project/dist/tasks.js', '/home/ci/project');
    expect(name).toBe('weft-root:dist/tasks.js');
    expect(localModule(name, '/srv/agent/project')).toBe('file:///srv/agent/project/dist/tasks.js');
  });

  it('a module outside the root, a registered name or an https URL travels unchanged', () => {
    for (const module of ['file:///opt/shared/tasks.js', 'bundle:tasks', 'https://example.com/tasks.js']) {
      expect(portableModule(module, '/home/ci/project')).toBe(module);
      expect(localModule(module, '/srv/agent')).toBe(module);
    }
  });

  it('keeps escapes in paths: a space survives the round trip', () => {
    const name = portableModule('file:///work/my%20project/tasks.js', '/work/my project');
    expect(localModule(name, '/agent/my project')).toBe('file:///agent/my%20project/tasks.js');
  });
});
