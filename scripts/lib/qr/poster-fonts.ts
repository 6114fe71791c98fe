import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('@expo-google-fonts/be-vietnam-pro/package.json'));

/** Be Vietnam Pro (SIL OFL), drawn for Vietnamese: every diacritic is a precomposed glyph. */
export const POSTER_FONTS = {
  regular: join(root, '400Regular/BeVietnamPro_400Regular.ttf'),
  medium: join(root, '500Medium/BeVietnamPro_500Medium.ttf'),
  semibold: join(root, '600SemiBold/BeVietnamPro_600SemiBold.ttf'),
  bold: join(root, '700Bold/BeVietnamPro_700Bold.ttf'),
} as const;
