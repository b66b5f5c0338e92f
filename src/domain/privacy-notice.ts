/**
 * What an assembly tells volunteers about their personal data before they sign up (GDPR art. 13):
 * the controller and how to reach them, the purpose, the legal basis, what is kept and for how long,
 * and their rights. Organisers set the controller, the contact and, per language, the purpose, legal
 * basis, retention and an optional note; anything left empty is shown as a standard text, so an
 * assembly always has a complete notice. What is kept and the rights are the same everywhere (they
 * follow from what Lotta stores and from the law) and are not editable.
 */
export const privacyTextFields = ['purpose', 'legal_basis', 'retention', 'more'] as const;
export type PrivacyTextField = (typeof privacyTextFields)[number];

export interface PrivacySettings {
  /** The organisation responsible for the data, e.g. "Åre kommun". */
  controller: string;
  email: string;
  phone: string;
  /** Postal address, one line or several. */
  address: string;
  /** Per field, per language: the organiser's own text; missing or empty means the standard text. */
  texts: Record<PrivacyTextField, Record<string, string>>;
}

export const privacyLimits = {
  controller: 200,
  email: 320,
  phone: 40,
  address: 300,
  text: 4000,
} as const;

export function emptyPrivacy(): PrivacySettings {
  return {
    controller: '',
    email: '',
    phone: '',
    address: '',
    texts: { purpose: {}, legal_basis: {}, retention: {}, more: {} },
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The settings from their stored value, read leniently: unknown keys are ignored, wrong types read as
 * empty, so an assembly always has a notice ('{}' is the standard text).
 */
export function privacySettingsFrom(raw: unknown): PrivacySettings {
  const object = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const settings = emptyPrivacy();
  settings.controller = text(object.controller);
  settings.email = text(object.email);
  settings.phone = text(object.phone);
  settings.address = text(object.address);
  const texts =
    object.texts && typeof object.texts === 'object' ? (object.texts as Record<string, unknown>) : {};
  for (const field of privacyTextFields) {
    const byLanguage = texts[field];
    if (!byLanguage || typeof byLanguage !== 'object') continue;
    for (const [language, value] of Object.entries(byLanguage as Record<string, unknown>)) {
      if (text(value).trim()) settings.texts[field][language] = text(value);
    }
  }
  return settings;
}

/** The controller's name: the organiser's entry, else the commissioner, else the coordinator. */
export function controllerOf(
  settings: PrivacySettings,
  assembly: { commissioner: string; coordinator: string },
): string {
  return settings.controller.trim() || assembly.commissioner.trim() || assembly.coordinator.trim();
}

/** True when a volunteer is given some way to reach the organisers: e-mail, phone or address. */
export function hasContact(settings: PrivacySettings): boolean {
  return Boolean(settings.email.trim() || settings.phone.trim() || settings.address.trim());
}
