// The template's placeholder names in the organiser's language.
import { t } from '$lib/i18n/index.ts';
import type { TemplateNames } from './factories.ts';

export function templateNames(): TemplateNames {
  return {
    event: t('editor.template.event'),
    organisation: t('editor.template.organisation'),
    contest: t('editor.template.contest'),
    theory: t('editor.template.theory'),
    exam: t('editor.template.exam'),
    practical: t('editor.template.practical'),
    task: t('editor.template.task'),
    chief: t('editor.template.chief'),
    awards: [t('editor.template.award1'), t('editor.template.award2'), t('editor.template.award3')],
  };
}
