import { ROLE_PERMISSIONS, ROLES } from '@domain/access';
import { describe, expect, it } from 'vitest';
import { homeFor, mayOpen, normalPath, workspacesFor } from './workspaces';

const pathsOf = (role: (typeof ROLES)[number]) => workspacesFor(ROLE_PERMISSIONS[role]).map((w) => w.path);

describe('workspaces', () => {
  it.each([
    ['admin', ['/', '/admin', '/account']],
    ['centre', ['/', '/screen', '/account']],
    ['gridworker', ['/', '/screen', '/field', '/account']],
    ['community', ['/', '/screen', '/field', '/account']],
    ['department', ['/', '/screen', '/account']],
    ['screen', ['/', '/screen', '/account']],
  ] as const)('%s opens %j', (role, paths) => {
    expect(pathsOf(role)).toEqual(paths);
  });

  it('gives every role its own account page and its home page', () => {
    for (const role of ROLES) {
      expect(pathsOf(role)).toContain('/account');
      expect(mayOpen(homeFor(role), ROLE_PERMISSIONS[role])).toBe(true);
    }
  });

  it('keeps the administration page for administrators', () => {
    for (const role of ROLES) expect(mayOpen('/admin', ROLE_PERMISSIONS[role])).toBe(role === 'admin');
  });

  it('starts the grid worker at the field page', () => {
    expect(homeFor('gridworker')).toBe('/field');
    expect(homeFor('centre')).toBe('/');
  });

  it('normalises paths', () => {
    expect(normalPath('/admin/')).toBe('/admin');
    expect(normalPath('')).toBe('/');
    expect(normalPath('/')).toBe('/');
  });
});
