// Light, dark, or as the device says (the default). Pico reads data-theme on <html>.
export type Theme = 'auto' | 'light' | 'dark';
const KEY = 'kith:theme';

export function storedTheme(): Theme {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'auto';
}

export function applyTheme(theme: Theme): void {
  if (theme === 'auto') {
    localStorage.removeItem(KEY);
    document.documentElement.removeAttribute('data-theme');
  } else {
    localStorage.setItem(KEY, theme);
    document.documentElement.setAttribute('data-theme', theme);
  }
}

export const applyStoredTheme = (): void => applyTheme(storedTheme());
