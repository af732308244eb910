import { Component, type ErrorInfo, type ReactNode } from 'react';

/** A failure while drawing a page shows as a message with a way back, never as a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('The page failed to draw', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="login" role="alert">
        <div className="dialog" style={{ padding: 24 }}>
          <h2 style={{ marginTop: 0 }}>Something went wrong while showing this page</h2>
          <p className="muted">{this.state.error.message}</p>
          <p>Your flow is saved on the server; reloading the page shows it again.</p>
          <button className="button primary" onClick={() => location.reload()}>Reload the page</button>
        </div>
      </div>
    );
  }
}
