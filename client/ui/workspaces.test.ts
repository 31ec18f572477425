import { ROLE_PERMISSIONS, ROLES } from '@domain/access';
import { describe, expect, it } from 'vitest';
import { homeFor, mayOpen, normalPath, workspacesFor } from './workspaces';

const pathsOf = (role: (typeof ROLES)[number]) => workspacesFor(ROLE_PERMISSIONS[role]).map((w) => w.path);

describe('workspaces', () => {
  it.each([
    ['admin', ['/twin', '/admin', '/account']],
    ['centre', ['/twin', '/desk', '/leader', '/screen', '/account']],
    ['department', ['/twin', '/desk', '/screen', '/account']],
    ['community', ['/twin', '/desk', '/field', '/credit', '/screen', '/account']],
    ['subdistrict', ['/twin', '/desk', '/credit', '/screen', '/account']],
    ['gridworker', ['/twin', '/desk', '/field', '/credit', '/screen', '/account']],
    ['analyst', ['/twin', '/analyst', '/screen', '/account']],
    ['leader', ['/twin', '/leader', '/screen', '/account']],
    ['screen', ['/twin', '/screen', '/account']],
  ] as const)('%s opens %j', (role, paths) => {
    expect(pathsOf(role)).toEqual(paths);
  });

  it('gives every role its own account page and its home page', () => {
    for (const role of ROLES) {
      expect(pathsOf(role)).toContain('/account');
      expect(mayOpen(homeFor(role), ROLE_PERMISSIONS[role])).toBe(true);
    }
  });

  it.each([
    ['centre', '/desk'],
    ['department', '/desk'],
    ['community', '/desk'],
    ['subdistrict', '/desk'],
    ['gridworker', '/field'],
    ['screen', '/screen'],
    ['admin', '/admin'],
    ['analyst', '/analyst'],
    ['leader', '/leader'],
  ] as const)('lands %s on %s', (role, home) => {
    expect(homeFor(role)).toBe(home);
  });

  it('opens the desk to whoever may file, handle or verify a case, and to no one else', () => {
    for (const role of ROLES) {
      const p = ROLE_PERMISSIONS[role];
      const acts = p.includes('cases') && ['dispatch', 'handle', 'verify'].some((x) => p.includes(x as never));
      expect(mayOpen('/desk', p), role).toBe(acts);
    }
  });

  it('opens the leader day to the leader, who instructs, and the centre, which sets the agenda', () => {
    for (const role of ROLES)
      expect(mayOpen('/leader', ROLE_PERMISSIONS[role]), role).toBe(['leader', 'centre'].includes(role));
  });

  it('opens the credit page to grid workers, community and subdistrict staff, and to no one else', () => {
    for (const role of ROLES)
      expect(mayOpen('/credit', ROLE_PERMISSIONS[role]), role).toBe(
        ['gridworker', 'community', 'subdistrict'].includes(role),
      );
  });

  it('keeps the administration page for administrators', () => {
    for (const role of ROLES) expect(mayOpen('/admin', ROLE_PERMISSIONS[role])).toBe(role === 'admin');
  });

  it('starts the grid worker at the field page', () => {
    expect(homeFor('gridworker')).toBe('/field');
    expect(homeFor('centre')).toBe('/desk');
  });

  it('normalises paths', () => {
    expect(normalPath('/admin/')).toBe('/admin');
    expect(normalPath('')).toBe('/');
    expect(normalPath('/')).toBe('/');
  });
});
