import { describe, expect, it } from 'vitest';
import { arityOf, operatorLabel, withOperator } from './operators';

describe('operators', () => {
  it('knows what each operator takes', () => {
    expect(arityOf('is_null')).toBe('none');
    expect(arityOf('is_not_null')).toBe('none');
    expect(arityOf('between')).toBe('two');
    expect(arityOf('in')).toBe('list');
    expect(arityOf('equals')).toBe('one');
    expect(arityOf(undefined)).toBe('one');
    expect(operatorLabel('greater_or_equal')).toContain('≥');
    expect(operatorLabel('some_new_op')).toBe('some new op');
  });

  it('drops values the new operator does not use', () => {
    const basic = { column: 'a', operator: 'between', value: '1', value2: '5' };
    expect(withOperator(basic, 'equals')).toEqual({ column: 'a', operator: 'equals', value: '1' });
    expect(withOperator(basic, 'is_null')).toEqual({ column: 'a', operator: 'is_null' });
    expect(withOperator(basic, 'in')).toEqual({ column: 'a', operator: 'in', values: ['1'] });
    expect(withOperator({ column: 'a', operator: 'in', values: ['x', 'y'] }, 'equals')).toEqual({ column: 'a', operator: 'equals' });
    expect(withOperator({ column: 'a', operator: 'equals' }, 'between')).toEqual({ column: 'a', operator: 'between' });
  });
});
