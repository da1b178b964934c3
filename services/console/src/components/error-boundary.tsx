import { Result } from 'antd';
import { Component, type ReactNode } from 'react';

/** A page that throws while rendering shows what broke instead of a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode; title: string }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) return <Result status="error" title={this.props.title} subTitle={this.state.error.message} />;
    return this.props.children;
  }
}
