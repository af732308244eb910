import { describe, expect, it } from 'vitest';
import { shortType } from './artifacts';

describe('artifacts panel', () => {
  it('shows the last part of a Python type', () => {
    expect(shortType('sklearn.linear_model.LinearRegression')).toBe('LinearRegression');
    expect(shortType('polars.dataframe.frame.DataFrame')).toBe('DataFrame');
    expect(shortType('dict')).toBe('dict');
    expect(shortType(undefined)).toBe('');
  });
});
