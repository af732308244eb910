import { describe, expect, it } from 'vitest';
import { suggestKeyPair } from './keys';
import { changeAggregation, suggestAggregation } from '../group_by/aggregations';

const left = [{ name: 'order_id', type: 'BIGINT' }, { name: 'customer_id', type: 'BIGINT' }];
const right = [{ name: 'Customer_ID', type: 'BIGINT' }, { name: 'name', type: 'VARCHAR' }];

describe('suggestKeyPair', () => {
  it('prefers a column both sides have', () => {
    expect(suggestKeyPair(left, right, [])).toEqual({ left: 'customer_id', right: 'Customer_ID' });
  });
  it('leaves the pair empty when no name is on both sides', () => {
    expect(suggestKeyPair(left, right, [{ left: 'customer_id', right: 'Customer_ID' }])).toEqual({ left: '', right: '' });
    expect(suggestKeyPair([], [], [])).toEqual({ left: '', right: '' });
  });
});

describe('aggregations', () => {
  it('drops a default alias and a separator that no longer apply', () => {
    expect(changeAggregation({ column: 'a', function: 'concat', alias: 'a_concat', separator: ';' }, { function: 'max' })).toEqual({ column: 'a', function: 'max' });
    expect(changeAggregation({ column: 'a', function: 'sum', alias: 'total' }, { column: 'b' })).toEqual({ column: 'b', function: 'sum', alias: 'total' });
    expect(changeAggregation({ column: 'a', function: 'concat', separator: ';' }, { column: 'b' })).toEqual({ column: 'b', function: 'concat', separator: ';' });
  });
  it('suggests the next column with a fitting function', () => {
    const columns = [{ name: 'city', type: 'VARCHAR' }, { name: 'amount', type: 'DECIMAL(18,2)' }, { name: 'note', type: 'VARCHAR' }];
    expect(suggestAggregation(columns, ['city'], [], ['sum', 'count'])).toEqual({ column: 'amount', function: 'sum' });
    expect(suggestAggregation(columns, ['city'], [{ column: 'amount' }], ['sum', 'count'])).toEqual({ column: 'note', function: 'count' });
  });
});
