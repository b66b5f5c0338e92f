/**
 * An assembly's logo, printed on its final report: a PNG or JPEG (what pdfkit draws), recognised by
 * its first bytes, of at most 2 MB, with a description of what it shows for people who cannot see it.
 */
import { type KeptUpload, uploadedFileType } from './uploaded-files.ts';

export const logoMaxBytes = 2_000_000;
export const logoTypes = ['image/png', 'image/jpeg'] as const;

export interface LogoRefusal {
  code: 'logo_required' | 'logo_too_large' | 'logo_not_image';
  field: 'logo';
  params: Record<string, number>;
}

/** Why a logo is refused (none chosen, too large, not a PNG or JPEG), or its type when it is taken. */
export function logoCheck(
  file: KeptUpload | null,
  maxBytes = logoMaxBytes,
): { refusal: LogoRefusal } | { type: (typeof logoTypes)[number] } {
  if (!file) return { refusal: { code: 'logo_required', field: 'logo', params: {} } };
  if (file.size > maxBytes)
    return { refusal: { code: 'logo_too_large', field: 'logo', params: { mb: maxBytes / 1_000_000 } } };
  const type = uploadedFileType(file.head);
  if (type !== 'image/png' && type !== 'image/jpeg')
    return { refusal: { code: 'logo_not_image', field: 'logo', params: {} } };
  return { type };
}
