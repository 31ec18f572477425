import { describe, expect, it } from 'vitest';
import { stepBody } from './stepBody';

const fields = { reason: '  核实无误 ', statement: ' 我当天不在 ', outcome: 'upheld' as const, path: 'time' as const };

describe('a step’s body', () => {
  it('sends what each action needs and nothing more (the server’s schema is strict)', () => {
    expect(stepBody('confirm', { ...fields, reason: ' ' })).toEqual({ action: 'confirm' });
    expect(stepBody('publish', fields)).toEqual({ action: 'publish', reason: '核实无误' });
    expect(stepBody('reject', fields)).toEqual({ action: 'reject', reason: '核实无误' });
    expect(stepBody('appeal', fields)).toEqual({ action: 'appeal', reason: '核实无误', statement: '我当天不在' });
    expect(stepBody('decide', fields)).toEqual({ action: 'decide', reason: '核实无误', outcome: 'upheld' });
    expect(stepBody('repair', fields)).toEqual({ action: 'repair', reason: '核实无误', path: 'time' });
  });
});
