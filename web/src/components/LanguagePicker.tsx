import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, uiLanguages } from '../i18n';

/** Chooses the language of the web app; the choice is remembered on this device. */
export function LanguagePicker({ width }: { width?: number }) {
  const { t, i18n } = useTranslation();
  return (
    <Select
      aria-label={t('shell.language')}
      data={uiLanguages.map((language) => ({ value: language.code, label: language.name }))}
      value={i18n.language}
      onChange={(value) => value && void chooseLanguage(i18n, value)}
      allowDeselect={false}
      w={width}
    />
  );
}
