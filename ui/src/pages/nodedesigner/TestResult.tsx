// What a test run gave: the output's columns (predicted before the run, and as run) and first rows, or
// the problems that stopped it; what the code printed.
import type { TestResultDto } from './NodeDesignerPage';

export function TestResult(props: { result: TestResultDto }) {
  const { result } = props;
  return (
    <section className="ndz-result" aria-label="Test result">
      <h3>{result.ok ? `Output: ${result.rows?.length ?? 0}${result.truncated ? '+' : ''} rows` : 'The test did not run'}
        {result.millis !== undefined && <span className="muted small"> · {result.millis} ms</span>}</h3>
      {!result.ok && (
        <ul className="settings-problems" role="alert">
          {(result.problems ?? []).map((problem, index) => (
            <li key={index}>{problem.path && <span className="mono">{problem.path}: </span>}{problem.message}</li>
          ))}
        </ul>
      )}
      {result.ok && (
        <>
          <p className="muted small">Schema: {(result.columns ?? []).map((column) => `${column.name} ${column.type}`).join(', ')}
            {!result.predicted ? ' — known only after the run (declare the output schema to have it before)'
              : JSON.stringify(result.predicted) !== JSON.stringify(result.columns) ? ' (predicted: '
              + result.predicted.map((column) => `${column.name} ${column.type}`).join(', ') + ')' : ' — as predicted before the run'}</p>
          <div className="ndz-grid-scroll">
            <table className="ndz-grid ndz-output" aria-label="Output rows">
              <thead><tr>{(result.columns ?? []).map((column) => <th key={column.name}>{column.name}<div className="muted small mono">{column.type}</div></th>)}</tr></thead>
              <tbody>
                {(result.rows ?? []).map((row, index) => (
                  <tr key={index}>{row.map((value, column) => <td key={column} className={value === null ? 'muted' : undefined}>{value === null ? 'null' : String(value)}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {(result.logs ?? []).length > 0 && (
        <>
          <h4>Printed</h4>
          <pre className="ndz-logs" aria-label="Printed by the code">{result.logs!.join('')}</pre>
        </>
      )}
    </section>
  );
}
