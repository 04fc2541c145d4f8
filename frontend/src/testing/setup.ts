import '@testing-library/jest-dom/vitest';
import { notifications } from '@mantine/notifications';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { i18n, initI18n } from '@/lib/i18n';

initI18n('en');

// findBy/waitFor give up after 1 s by default; whole pages rendering on a busy 2-core CI machine can
// take longer without being wrong (calendar-page.test.tsx did, under load).
configure({ asyncUtilTimeout: 5_000 });

// jsdom lacks what Mantine measures and animates with.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: vi.fn((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  })),
});

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver = ResizeObserverStub;
Element.prototype.scrollIntoView = vi.fn();

afterEach(async () => {
  cleanup();
  notifications.clean();
  delete window.go;
  delete window.runtime;
  sessionStorage.clear();
  localStorage.clear();
  await i18n.changeLanguage('en');
});
