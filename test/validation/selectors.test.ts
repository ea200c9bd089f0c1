import { selects } from '../../src/validation/cross-object/selectors';

describe('label selectors', () => {
  test('keys named like Object.prototype members are plain label keys', () => {
    expect(selects({ matchLabels: { constructor: 'x' } }, {}, true)).toBe(false);
    expect(selects({ matchExpressions: [{ key: 'toString', operator: 'Exists' }] }, {}, true)).toBe(false);
    expect(selects({ matchExpressions: [{ key: 'hasOwnProperty', operator: 'DoesNotExist' }] }, { team: 'a' }, true)).toBe(true);
    expect(selects({ matchLabels: { constructor: 'x' } }, { constructor: 'x' }, true)).toBe(true);
    expect(selects({ matchLabels: { constructor: 'x' } }, { team: 'a' }, false)).toBeUndefined();
  });
});
