// The interactive popup (Preact and App), a chunk of its own: main.tsx paints the first screen without it
// and loads it right after that paint, so the popup's first render does not wait for it to load.
import { render } from 'preact';
import { App, type AppProps } from '../../components/App.tsx';

export function mount(root: HTMLElement, props: AppProps): void {
  render(<App {...props} />, root);
}
