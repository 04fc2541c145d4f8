import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorCard } from './error-card';

interface ErrorBoundaryState {
  error: unknown;
  failed: boolean;
}

/** Catches what the pages below it throw while rendering and shows an ErrorCard instead. */
export class ErrorBoundary extends Component<{ children: ReactNode }, ErrorBoundaryState> {
  state: ErrorBoundaryState = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error, failed: true };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('A page failed to render', error, info.componentStack);
  }

  render(): ReactNode {
    return this.state.failed ? <ErrorCard error={this.state.error} /> : this.props.children;
  }
}
