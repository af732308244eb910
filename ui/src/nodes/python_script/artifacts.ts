// Small rules of the artifacts panel, without React.

/** The last part of a Python type: `sklearn.linear_model.LinearRegression` → `LinearRegression`. */
export function shortType(pythonType: string | undefined): string {
  if (!pythonType) return '';
  const parts = pythonType.split('.');
  return parts[parts.length - 1] ?? pythonType;
}
