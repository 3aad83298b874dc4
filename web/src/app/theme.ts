import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/**
 * Coral's theme: a sea-blue palette whose default shade passes WCAG AA contrast for white text
 * (Mantine's default blue does not).
 */
export const theme = createTheme({
  primaryColor: 'coral',
  primaryShade: 8,
  colors: {
    coral: [
      '#e6f4f7',
      '#c9e6ee',
      '#99cfdd',
      '#63b5ca',
      '#389eb9',
      '#1d8aa8',
      '#107a99',
      '#0b6784',
      '#08556e',
      '#053f53',
    ],
  },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, sans-serif',
  defaultRadius: 'md',
});

/** Mantine's "dimmed" grey is too light for AA contrast on white; use a darker grey. */
export const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
