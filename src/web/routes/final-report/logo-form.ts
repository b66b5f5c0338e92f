/** How the logo form's image is received: streamed into the logos folder within the logo's limit. */
import { logoMaxBytes } from '../../../domain/logos.ts';
import type { FileFormSpec } from '../../file-form.ts';

/** Room for the description sent with the image, and the multipart framing. */
const fieldBytes = 16 * 1024;

export const logoForm: FileFormSpec = { folder: 'logos', maxBytes: logoMaxBytes, fieldBytes };

/** What the route admits: the image just past its limit (so it is refused with the form kept), and the fields. */
export const logoUploadBytes = logoMaxBytes + 2 * fieldBytes;
