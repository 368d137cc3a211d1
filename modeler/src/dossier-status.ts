/** The national portal's dossier status codes (DOMAIN.md, TrangThaiHoSo), labelled in the UI language. */
import { t } from './i18n.js';

export const DOSSIER_STATUS_CODES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

export const dossierStatusLabel = (code: number): string => t(`status.${code}`);
